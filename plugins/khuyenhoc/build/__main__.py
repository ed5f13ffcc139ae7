"""python -m khuyenhoc.build SETTINGS: the strict, atomic build."""

import sys

from khuyenhoc.build.strict import main

sys.exit(main())
