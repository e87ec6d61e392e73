/**
 * XGBoost's C API through koffi, loaded once from the venv's pinned wheel. Handles are opaque
 * `void *`; every call returns 0 or -1, and check() turns -1 into a NativeLibraryError carrying
 * XGBGetLastError(). Calls are synchronous on the JavaScript thread: the last error is
 * thread-local in XGBoost, so the failing call and the error lookup must share a thread.
 */
import koffi from "koffi";
import { nativeLibraryPath } from "./library-path.js";
import { NativeLibraryError } from "./native-error.js";

/** An untyped koffi function. */
type NativeFn = (...args: unknown[]) => number;

/** The XGBoost functions kernel-lib calls. */
export interface XGBoostApi {
  path: string;
  version: string;
  XGDMatrixCreateFromDense: NativeFn;
  XGDMatrixSetFloatInfo: NativeFn;
  XGDMatrixSetStrFeatureInfo: NativeFn;
  XGDMatrixFree: NativeFn;
  XGBoosterCreate: NativeFn;
  XGBoosterFree: NativeFn;
  XGBoosterSetParam: NativeFn;
  XGBoosterUpdateOneIter: NativeFn;
  XGBoosterEvalOneIter: NativeFn;
  XGBoosterBoostedRounds: NativeFn;
  XGBoosterSlice: NativeFn;
  XGBoosterPredictFromDense: NativeFn;
  XGBoosterSaveModelToBuffer: NativeFn;
  XGBoosterLoadModelFromBuffer: NativeFn;
  XGBoosterFeatureScore: NativeFn;
  XGBoosterGetNumFeature: NativeFn;
  XGBoosterSetAttr: NativeFn;
  XGBoosterSetStrFeatureInfo: NativeFn;
  XGBoosterGetAttr: NativeFn;
  /** Throws NativeLibraryError with XGBoost's message when `rc` is not 0. */
  check(rc: number, call: string): void;
}

let api: XGBoostApi | undefined;

function bind(path: string): XGBoostApi {
  const lib = koffi.load(path);
  const fn = (signature: string) => lib.func(signature) as unknown as NativeFn;
  const lastError = lib.func("const char *XGBGetLastError()") as unknown as () => string;
  const versionOf = lib.func("void XGBoostVersion(_Out_ int *major, _Out_ int *minor, _Out_ int *patch)");
  const [major, minor, patch] = [[0], [0], [0]];
  versionOf(major, minor, patch);
  return {
    path,
    version: `${major[0]}.${minor[0]}.${patch[0]}`,
    XGDMatrixCreateFromDense: fn("int XGDMatrixCreateFromDense(const char *data, const char *config, _Out_ void **out)"),
    XGDMatrixSetFloatInfo: fn("int XGDMatrixSetFloatInfo(void *handle, const char *field, const float *info, uint64_t len)"),
    XGDMatrixSetStrFeatureInfo: fn("int XGDMatrixSetStrFeatureInfo(void *handle, const char *field, const char **features, uint64_t size)"),
    XGDMatrixFree: fn("int XGDMatrixFree(void *handle)"),
    XGBoosterCreate: fn("int XGBoosterCreate(void **dmats, uint64_t len, _Out_ void **out)"),
    XGBoosterFree: fn("int XGBoosterFree(void *handle)"),
    XGBoosterSetParam: fn("int XGBoosterSetParam(void *handle, const char *name, const char *value)"),
    XGBoosterUpdateOneIter: fn("int XGBoosterUpdateOneIter(void *handle, int iter, void *dtrain)"),
    XGBoosterEvalOneIter: fn(
      "int XGBoosterEvalOneIter(void *handle, int iter, void **dmats, const char **names, uint64_t len, _Out_ const char **out)",
    ),
    XGBoosterBoostedRounds: fn("int XGBoosterBoostedRounds(void *handle, _Out_ int *out)"),
    XGBoosterSlice: fn("int XGBoosterSlice(void *handle, int begin, int end, int step, _Out_ void **out)"),
    XGBoosterPredictFromDense: fn(
      "int XGBoosterPredictFromDense(void *handle, const char *values, const char *config, void *proxy, _Out_ void **shape, _Out_ uint64_t *dim, _Out_ void **result)",
    ),
    XGBoosterSaveModelToBuffer: fn("int XGBoosterSaveModelToBuffer(void *handle, const char *config, _Out_ uint64_t *len, _Out_ void **out)"),
    XGBoosterLoadModelFromBuffer: fn("int XGBoosterLoadModelFromBuffer(void *handle, const void *buf, uint64_t len)"),
    XGBoosterFeatureScore: fn(
      "int XGBoosterFeatureScore(void *handle, const char *config, _Out_ uint64_t *n_features, _Out_ void **features, _Out_ uint64_t *dim, _Out_ void **shape, _Out_ void **scores)",
    ),
    XGBoosterGetNumFeature: fn("int XGBoosterGetNumFeature(void *handle, _Out_ uint64_t *out)"),
    XGBoosterSetStrFeatureInfo: fn("int XGBoosterSetStrFeatureInfo(void *handle, const char *field, const char **features, uint64_t size)"),
    XGBoosterSetAttr: fn("int XGBoosterSetAttr(void *handle, const char *key, const char *value)"),
    XGBoosterGetAttr: fn("int XGBoosterGetAttr(void *handle, const char *key, _Out_ const char **out, _Out_ int *success)"),
    check(rc, call) {
      if (rc !== 0) throw new NativeLibraryError("xgboost", call, lastError());
    },
  };
}

/** The XGBoost binding, loaded on first use (throws Unavailable when the library is missing). */
export function xgboostApi(): XGBoostApi {
  api ??= bind(nativeLibraryPath("xgboost"));
  return api;
}
