import sys

from frontwatch.cli import main

sys.exit(main())
