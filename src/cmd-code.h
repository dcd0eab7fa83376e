/* cmd-code.h: what `whyline code` shares with `whyline map`. */
#ifndef WHYLINE_CMD_CODE_H
#define WHYLINE_CMD_CODE_H

#include "codes.h"

/* Reads the codebook of --codes, printing its errors; 0 or EXIT_INVALID. */
int cmd_codebook_load(const char *path, struct codebook *b);

#endif
