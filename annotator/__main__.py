from annotator.cli.main import main

main()
