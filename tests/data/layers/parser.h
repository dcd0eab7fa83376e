/* parser.h: a header that includes libyaml's, which only ydoc.c may: it is
 * never compiled, only read by scripts/layers in tests/cli/layers.sh. */
#include <stddef.h>
#include <yaml.h>
