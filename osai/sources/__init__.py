"""Sources turn a target (manifest file, model directory, Hub repository) into a Release."""
