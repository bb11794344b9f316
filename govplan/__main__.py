"""`python -m govplan`."""

from govplan.cli.main import main

main()
