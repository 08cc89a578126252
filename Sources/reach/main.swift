import ReachCommands

await ReachMain.run()
