import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
# HEALTHLINT_UPDATE_SNAPSHOTS=1 pytest tests/test_fixtures.py  rewrites the snapshots after a deliberate change.
UPDATE_SNAPSHOTS = os.environ.get("HEALTHLINT_UPDATE_SNAPSHOTS") == "1"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# The suite never touches the user's real cache (~/.cache/healthlint): every CLI run and API call
# made by a test shares one throwaway cache folder; tests about the cache set their own.
if "HEALTHLINT_CACHE_DIR" not in os.environ:
    import tempfile

    os.environ["HEALTHLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="healthlint-test-cache-")
