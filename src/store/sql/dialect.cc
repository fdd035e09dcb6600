#include "store/sql/dialect.h"

#include <fmt/format.h>

namespace alongside::store::sql {

std::string IdsIn(Dialect dialect, int param) {
  std::string placeholder = param > 0 ? fmt::format("?{}", param) : "?";
  if (dialect == Dialect::kSqlite) return fmt::format("SELECT value FROM json_each({})", placeholder);
  return fmt::format("SELECT value::bigint FROM jsonb_array_elements_text({}::jsonb)", placeholder);
}

std::string IndexedBy(Dialect dialect, std::string_view index) {
  if (dialect == Dialect::kSqlite) return fmt::format(" INDEXED BY {}", index);
  return "";
}

std::string Contains(Dialect dialect, std::string_view haystack, std::string_view needle) {
  if (dialect == Dialect::kSqlite) return fmt::format("instr({}, {}) > 0", haystack, needle);
  return fmt::format("strpos({}, {}) > 0", haystack, needle);
}

std::string GroupConcat(Dialect dialect, std::string_view expression) {
  if (dialect == Dialect::kSqlite) return fmt::format("group_concat({})", expression);
  return fmt::format("string_agg(CAST({} AS TEXT), ',')", expression);
}

std::string_view ForUpdate(Dialect dialect) {
  return dialect == Dialect::kSqlite ? "" : " FOR UPDATE";
}

std::string NewId(Dialect dialect, std::string_view table, int param) {
  if (dialect == Dialect::kSqlite) return fmt::format("?{}", param);
  return fmt::format("COALESCE(?{}, nextval(pg_get_serial_sequence('{}', 'id')))", param, table);
}

}  // namespace alongside::store::sql
