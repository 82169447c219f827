from osai.entry import main

main()
