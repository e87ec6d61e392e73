/**
 * Native memory for the C APIs: buffers that do not move (so their address can go into XGBoost's
 * array-interface JSON), and readers that copy library-owned results into JavaScript arrays.
 */
import koffi from "koffi";

/** A block of native float32 memory: its pointer, numeric address and a view to fill it. */
export interface NativeFloat32 {
  ptr: unknown;
  address: number;
  view: Float32Array;
}

/** Allocates `length` float32 values of native memory; free it with freeNative(). */
export function allocFloat32(length: number): NativeFloat32 {
  const ptr = koffi.alloc("float", Math.max(1, length));
  return { ptr, address: Number(koffi.address(ptr)), view: new Float32Array(koffi.view(ptr, Math.max(1, length) * 4), 0, length) };
}

/** Frees memory from allocFloat32(). */
export function freeNative(block: NativeFloat32): void {
  koffi.free(block.ptr);
}

/** Runs `fn` with a native float32 copy of `values` (NaN stays NaN), freed afterwards. */
export function withFloat32Copy<T>(values: Float64Array, fn: (block: NativeFloat32) => T): T {
  const block = allocFloat32(values.length);
  try {
    block.view.set(values);
    return fn(block);
  } finally {
    freeNative(block);
  }
}

/** The `__array_interface__` JSON of a C-contiguous float32 array at `address`. */
export function float32Interface(address: number, shape: number[]): string {
  return JSON.stringify({ data: [address, true], shape, typestr: "<f4", version: 3 });
}

/** Copies `length` float32 values owned by the library into a Float64Array. */
export function readFloat32(ptr: unknown, length: number): Float64Array {
  const out = new Float64Array(length);
  if (length > 0) out.set(new Float32Array(koffi.view(ptr, length * 4)));
  return out;
}

/** Copies `length` uint64 values owned by the library into numbers. */
export function readUint64(ptr: unknown, length: number): number[] {
  if (length === 0) return [];
  return Array.from(new BigUint64Array(koffi.view(ptr, length * 8)), Number);
}

/** Decodes `length` bytes of UTF-8 owned by the library. */
export function readUtf8(ptr: unknown, length: number): string {
  return length > 0 ? Buffer.from(koffi.view(ptr, length)).toString("utf8") : "";
}

/** Decodes an array of `length` C strings owned by the library. */
export function readStrings(ptr: unknown, length: number): string[] {
  return Array.from({ length }, (_, i) => koffi.decode(ptr, i * 8, "const char *") as string);
}
