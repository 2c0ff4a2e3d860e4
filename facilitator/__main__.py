from facilitator.cli.entry import main

main()
