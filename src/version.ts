/**
 * The frontend's version; kept equal to package.json's by a jest test, and
 * compared with the server extension's version from `/aws-spark-ml/status`.
 */
export const FRONTEND_VERSION = '0.1.0';
