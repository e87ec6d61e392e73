/**
 * MLflow's request limits (mlflow/utils/validation.py in MLflow 3.17). The client splits
 * batches to stay inside them and refuses values the server would reject or silently truncate.
 */

/** Most metrics one `runs/log-batch` request may carry. */
export const MAX_METRICS_PER_BATCH = 1000;
/** Most params one `runs/log-batch` request may carry. */
export const MAX_PARAMS_PER_BATCH = 100;
/** Most tags one `runs/log-batch` request may carry. */
export const MAX_TAGS_PER_BATCH = 100;
/** Most metrics + params + tags one `runs/log-batch` request may carry. */
export const MAX_ENTITIES_PER_BATCH = 1000;
/** Largest `runs/log-batch` body MLflow accepts, in bytes; we aim below it to leave headroom. */
export const MAX_BATCH_REQUEST_BYTES = 1_000_000;
/** The body size our batches aim for, under MAX_BATCH_REQUEST_BYTES. */
export const TARGET_BATCH_REQUEST_BYTES = 900_000;
/** Longest param value; MLflow truncates longer ones silently, so we refuse them instead. */
export const MAX_PARAM_VALUE_LENGTH = 6000;
/** Longest run tag value. */
export const MAX_TAG_VALUE_LENGTH = 8000;
/** Longest param, metric or tag key. */
export const MAX_KEY_LENGTH = 250;
