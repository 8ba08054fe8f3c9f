#!/bin/sh
# Never run. `prisma generate` (6.19) insists that an engine file exists before it generates;
# the generated client runs on the WebAssembly query compiler and does not use this.
exit 1
