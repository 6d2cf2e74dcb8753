#ifndef SPRITE_SHELL_READLINE_SHIM_H
#define SPRITE_SHELL_READLINE_SHIM_H

// rltypedefs.h uses FILE without including stdio.h.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

// Setters for readline's global configuration, so Swift code never touches
// mutable C globals directly (Swift 6 strict concurrency rejects that).
static inline void sprite_rl_set_name(const char *name) { rl_readline_name = name; }
static inline void sprite_rl_set_completion(rl_completion_func_t *fn) { rl_attempted_completion_function = fn; }
static inline void sprite_rl_completion_over(int over) { rl_attempted_completion_over = over; }
static inline void sprite_rl_set_word_breaks(const char *breaks) {
    rl_completer_word_break_characters = (char *)breaks;
}
static inline const char *sprite_rl_line_buffer(void) { return rl_line_buffer; }
static inline int sprite_rl_point(void) { return rl_point; }
static inline void sprite_rl_catch_signals(int on) { rl_catch_signals = on; }
// Timestamps in the history file ("#" and digits on a line of their own) mark
// where each entry starts, so an entry of several lines (a block typed over
// several lines) reads back as one entry. Reading recognises them only when
// history_comment_char is '#', and joins lines into entries by itself when the
// file starts with one; forcing history_multiline_entries on made a file with
// no timestamps (or unrecognised ones) read back as a single entry.
static inline void sprite_history_keep_multiline_entries(void) {
    history_comment_char = '#';
    history_write_timestamps = 1;
    history_multiline_entries = 0;
}

#endif
