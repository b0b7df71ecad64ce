"""spark-submit / EMR step entry point for the earthquakes job (same code as a notebook cell).

Local: spark-submit spark-jobs/earthquakes/submit.py --input-uri ... --output-uri ...
EMR:   command-runner.jar spark-submit --py-files s3://BUCKET/jobs/earthquakes.zip \
           s3://BUCKET/jobs/earthquakes/submit.py --input-uri s3://... --output-uri s3://...
(`python spark-jobs/package.py earthquakes` builds earthquakes.zip with the job and its shared helpers.)
"""

from __future__ import annotations

import sys
from pathlib import Path

# From a checkout the packages sit beside this file; on EMR they come from --py-files.
HERE = Path(__file__).resolve().parent
for folder in (HERE, HERE.parent / "common"):
    if folder.is_dir() and str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import earthquakes  # noqa: E402
from jobcommon.entry import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(earthquakes, app_name="earthquakes"))
