from unlearn_bib.cli import main

main()
