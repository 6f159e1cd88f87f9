// libFuzzer's entry point for programs that have a main of their own (LLVM 13 and later): it
// parses the command line and fuzzes `test`, which gets each input's bytes.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*test)(const uint8_t *data, size_t size));
