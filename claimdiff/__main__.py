from claimdiff.cli import main

raise SystemExit(main())
