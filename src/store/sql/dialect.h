// The few places where SQLite and PostgreSQL spell the same thing
// differently, in one file. The store's queries are written once in the
// text both accept (numbered `?N` placeholders, standard joins, CASE,
// COALESCE, RETURNING) and take these fragments where they must differ.
// One rule of the common text: a parameter whose only use gives it no type
// (`?2 IS NULL`) is written `CAST(?2 AS BIGINT) IS NULL`, since PostgreSQL
// must know every parameter's type when it prepares the statement.
#pragma once

#include <string>
#include <string_view>

#include "store/sql/driver.h"

namespace alongside::store::sql {

// A subquery giving the ids in parameter `param`, bound as a JSON array
// text such as "[3,7]" (JsonIds in reads.cc): `x IN (<IdsIn>)`. With
// `param` 0 the placeholder is a bare `?`, numbered later (reads.cc Filter).
std::string IdsIn(Dialect dialect, int param);

// SQLite's index hint (`INDEXED BY name`); PostgreSQL's planner takes no
// hints, so nothing.
std::string IndexedBy(Dialect dialect, std::string_view index);

// The values of `expression` in a group, joined with commas.
std::string GroupConcat(Dialect dialect, std::string_view expression);

// True when text `needle` occurs in text `haystack`.
std::string Contains(Dialect dialect, std::string_view haystack, std::string_view needle);

// Appended to the SELECT of the audit chain's head inside a writing
// transaction: on PostgreSQL the row is locked until commit, so that
// several servers writing at once extend one linear chain (SQLite's
// BEGIN IMMEDIATE already makes the writer the only one).
std::string_view ForUpdate(Dialect dialect);

// The value for a new row's `id` from parameter `param`: the given id, or
// when it is NULL one the database assigns (SQLite's rowid alias does that
// for NULL; PostgreSQL's identity column needs its sequence named).
std::string NewId(Dialect dialect, std::string_view table, int param);

}  // namespace alongside::store::sql
