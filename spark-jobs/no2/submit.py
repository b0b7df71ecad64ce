"""spark-submit / EMR step entry point for the NO2 preparation job.

Local:  spark-submit spark-jobs/no2/submit.py --city aqeval-uk --start-date 2001-01-01 \
            --end-date 2003-12-31 --output-uri s3a://sandbox-demo/features/no2
EMR:    command-runner.jar spark-submit --py-files s3://BUCKET/jobs/no2.zip \
            s3://BUCKET/jobs/no2/submit.py --city Boston --start-date 2016-01-01 ...
(`python spark-jobs/package.py no2` builds no2.zip with the job and its shared helpers.)
"""

from __future__ import annotations

import sys
from pathlib import Path

# From a checkout the packages sit beside this file; on EMR they come from --py-files.
HERE = Path(__file__).resolve().parent
for folder in (HERE, HERE.parent / "common"):
    if folder.is_dir() and str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import no2  # noqa: E402
from jobcommon.entry import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(no2, app_name="no2-features"))
