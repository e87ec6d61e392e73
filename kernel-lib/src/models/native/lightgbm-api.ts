/**
 * LightGBM's C API through koffi, loaded once from the venv's pinned wheel. Handles are opaque
 * `void *`; every call returns 0 or -1, and check() turns -1 into a NativeLibraryError carrying
 * LGBM_GetLastError(). Calls are synchronous on the JavaScript thread: the last error is
 * thread-local in LightGBM, so the failing call and the error lookup must share a thread.
 */
import koffi from "koffi";
import { nativeLibraryPath } from "./library-path.js";
import { NativeLibraryError } from "./native-error.js";

/** An untyped koffi function. */
type NativeFn = (...args: unknown[]) => number;

/** LightGBM's C_API_DTYPE_FLOAT32. */
export const LGBM_FLOAT32 = 0;
/** LightGBM's C_API_DTYPE_FLOAT64. */
export const LGBM_FLOAT64 = 1;
/** LightGBM's C_API_PREDICT_NORMAL (probabilities for binary objectives). */
export const LGBM_PREDICT_NORMAL = 0;
/** LightGBM's C_API_FEATURE_IMPORTANCE_GAIN. */
export const LGBM_IMPORTANCE_GAIN = 1;

/** The LightGBM functions kernel-lib calls. */
export interface LightGbmApi {
  path: string;
  LGBM_DatasetCreateFromMat: NativeFn;
  LGBM_DatasetSetField: NativeFn;
  LGBM_DatasetSetFeatureNames: NativeFn;
  LGBM_DatasetFree: NativeFn;
  LGBM_BoosterCreate: NativeFn;
  LGBM_BoosterAddValidData: NativeFn;
  LGBM_BoosterUpdateOneIter: NativeFn;
  LGBM_BoosterRollbackOneIter: NativeFn;
  LGBM_BoosterGetCurrentIteration: NativeFn;
  LGBM_BoosterGetEvalCounts: NativeFn;
  LGBM_BoosterGetEvalNames: NativeFn;
  LGBM_BoosterGetEval: NativeFn;
  LGBM_BoosterPredictForMat: NativeFn;
  LGBM_BoosterPredictForMatSingleRowFastInit: NativeFn;
  LGBM_BoosterPredictForMatSingleRowFast: NativeFn;
  LGBM_FastConfigFree: NativeFn;
  LGBM_BoosterSaveModelToString: NativeFn;
  LGBM_BoosterLoadModelFromString: NativeFn;
  LGBM_BoosterFeatureImportance: NativeFn;
  LGBM_BoosterGetNumFeature: NativeFn;
  LGBM_BoosterFree: NativeFn;
  /** Throws NativeLibraryError with LightGBM's message when `rc` is not 0. */
  check(rc: number, call: string): void;
}

let api: LightGbmApi | undefined;

function bind(path: string): LightGbmApi {
  const lib = koffi.load(path);
  const fn = (signature: string) => lib.func(signature) as unknown as NativeFn;
  const lastError = lib.func("const char *LGBM_GetLastError()") as unknown as () => string;
  return {
    path,
    LGBM_DatasetCreateFromMat: fn(
      "int LGBM_DatasetCreateFromMat(const void *data, int data_type, int32_t nrow, int32_t ncol, int is_row_major, const char *parameters, void *reference, _Out_ void **out)",
    ),
    LGBM_DatasetSetField: fn("int LGBM_DatasetSetField(void *handle, const char *field_name, const void *field_data, int num_element, int type)"),
    LGBM_DatasetSetFeatureNames: fn("int LGBM_DatasetSetFeatureNames(void *handle, const char **feature_names, int num_feature_names)"),
    LGBM_DatasetFree: fn("int LGBM_DatasetFree(void *handle)"),
    LGBM_BoosterCreate: fn("int LGBM_BoosterCreate(void *train_data, const char *parameters, _Out_ void **out)"),
    LGBM_BoosterAddValidData: fn("int LGBM_BoosterAddValidData(void *handle, void *valid_data)"),
    LGBM_BoosterUpdateOneIter: fn("int LGBM_BoosterUpdateOneIter(void *handle, _Out_ int *is_finished)"),
    LGBM_BoosterRollbackOneIter: fn("int LGBM_BoosterRollbackOneIter(void *handle)"),
    LGBM_BoosterGetCurrentIteration: fn("int LGBM_BoosterGetCurrentIteration(void *handle, _Out_ int *out_iteration)"),
    LGBM_BoosterGetEvalCounts: fn("int LGBM_BoosterGetEvalCounts(void *handle, _Out_ int *out_len)"),
    LGBM_BoosterGetEvalNames: fn(
      "int LGBM_BoosterGetEvalNames(void *handle, int len, _Out_ int *out_len, size_t buffer_len, _Out_ size_t *out_buffer_len, void **out_strs)",
    ),
    LGBM_BoosterGetEval: fn("int LGBM_BoosterGetEval(void *handle, int data_idx, _Out_ int *out_len, double *out_results)"),
    LGBM_BoosterPredictForMat: fn(
      "int LGBM_BoosterPredictForMat(void *handle, const void *data, int data_type, int32_t nrow, int32_t ncol, int is_row_major, int predict_type, int start_iteration, int num_iteration, const char *parameter, _Out_ int64_t *out_len, double *out_result)",
    ),
    LGBM_BoosterPredictForMatSingleRowFastInit: fn(
      "int LGBM_BoosterPredictForMatSingleRowFastInit(void *handle, int predict_type, int start_iteration, int num_iteration, int data_type, int32_t ncol, const char *parameter, _Out_ void **out_fast_config)",
    ),
    LGBM_BoosterPredictForMatSingleRowFast: fn(
      "int LGBM_BoosterPredictForMatSingleRowFast(void *fast_config, const void *data, _Out_ int64_t *out_len, double *out_result)",
    ),
    LGBM_FastConfigFree: fn("int LGBM_FastConfigFree(void *fast_config)"),
    LGBM_BoosterSaveModelToString: fn(
      "int LGBM_BoosterSaveModelToString(void *handle, int start_iteration, int num_iteration, int feature_importance_type, int64_t buffer_len, _Out_ int64_t *out_len, void *out_str)",
    ),
    LGBM_BoosterLoadModelFromString: fn("int LGBM_BoosterLoadModelFromString(const char *model_str, _Out_ int *out_num_iterations, _Out_ void **out)"),
    LGBM_BoosterFeatureImportance: fn("int LGBM_BoosterFeatureImportance(void *handle, int num_iteration, int importance_type, double *out_results)"),
    LGBM_BoosterGetNumFeature: fn("int LGBM_BoosterGetNumFeature(void *handle, _Out_ int *out_len)"),
    LGBM_BoosterFree: fn("int LGBM_BoosterFree(void *handle)"),
    check(rc, call) {
      if (rc !== 0) throw new NativeLibraryError("lightgbm", call, lastError());
    },
  };
}

/** The LightGBM binding, loaded on first use (throws Unavailable when the library is missing). */
export function lightgbmApi(): LightGbmApi {
  api ??= bind(nativeLibraryPath("lightgbm"));
  return api;
}
