# The websockets API pyws mirrors.

tag = version = commit = "17.0"
released = True
