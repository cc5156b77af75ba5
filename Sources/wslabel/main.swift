import LabelingFunctions
import WSLabelCLI

WSLabelCommand.main(catalogs: LabelingFunctions.catalogs)
