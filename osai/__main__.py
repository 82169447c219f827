from osai.cli import main

main()
