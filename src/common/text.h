// Checks on text that arrives from outside (form fields, query strings, files)
// before it is stored or shown.
#pragma once

#include <string_view>

namespace alongside {

// True when `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF) and holds no NUL character. JSON
// bodies are checked by their parser; form fields and query strings are not,
// and a stored invalid sequence would later break every JSON answer that
// carries it.
bool IsValidText(std::string_view text);

}  // namespace alongside
