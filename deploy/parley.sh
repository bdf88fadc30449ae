#!/bin/sh
# The operator CLI inside the image (compiled JavaScript; NODE_OPTIONS selects the production build).
exec node /app/cli/dist/main.js "$@"
