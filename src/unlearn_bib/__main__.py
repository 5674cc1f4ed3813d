"""`python -m unlearn_bib`: the same as the `unlearn-bib` command."""
from unlearn_bib.cli.main import main

main()
