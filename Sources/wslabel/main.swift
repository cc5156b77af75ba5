import LabelingFunctions
import WSLabelCLI

WSLabelCommand.main(commandName: "wslabel", catalogs: LabelingFunctions.catalogs)
