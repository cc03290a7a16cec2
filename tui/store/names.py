"""The names the launcher needs before anything else is loaded (`cli/quick_list.py`): the
app's, its environment variables', and the kept listing's. `locations.py` spells every other
name and re-exports these."""

APP_NAME = "dailypapers"
DATA_DIR_ENV = "DAILYPAPERS_DATA_DIR"
CONFIG_ENV = "DAILYPAPERS_CONFIG"
LISTING_FILE = "listing.txt"  # in the data folder (store/listing.py)
