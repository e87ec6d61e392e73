/** The error raised when XGBoost or LightGBM refuses a call, carrying the library's own message. */
import { InvalidInput } from "../../errors.js";
import type { NativeLibraryName } from "./library-path.js";

/**
 * A native library call failed. Almost always the input or hyperparameters are at fault (the library
 * says which), so it is an InvalidInput; `library` and `call` say where it came from.
 */
export class NativeLibraryError extends InvalidInput {
  /** The library that failed. */
  readonly library: NativeLibraryName;
  /** The C function that returned the error. */
  readonly call: string;

  constructor(library: NativeLibraryName, call: string, message: string) {
    super(`${library === "xgboost" ? "XGBoost" : "LightGBM"} ${call} failed: ${message.trim() || "no message from the library"}`);
    this.library = library;
    this.call = call;
  }
}
