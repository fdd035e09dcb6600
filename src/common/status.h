// Status and Result<T>: how every module reports success or failure across a
// boundary (after LevelDB's Status). A Status is cheap to copy; an ok Status
// carries nothing. Exceptions are kept for programmer errors and fatal states.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace alongside {

enum class StatusCode {
  kOk,
  kInvalidArgument,  // the caller sent something wrong; field() names it
  kNotFound,
  kForbidden,
  kUnauthenticated,
  kConflict,  // the request is valid but clashes with the current state
  kUnavailable,
  kInternal,
};

// Stable lower-case name of a code, used in JSON error bodies and logs.
const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok

  static Status Ok() { return Status(); }
  // `field` names the input that is wrong (e.g. "duration_minutes").
  static Status InvalidArgument(std::string field, std::string detail) {
    return Status(StatusCode::kInvalidArgument, std::move(field), std::move(detail));
  }
  static Status NotFound(std::string detail) {
    return Status(StatusCode::kNotFound, "", std::move(detail));
  }
  static Status Forbidden(std::string detail) {
    return Status(StatusCode::kForbidden, "", std::move(detail));
  }
  static Status Unauthenticated(std::string detail) {
    return Status(StatusCode::kUnauthenticated, "", std::move(detail));
  }
  static Status Conflict(std::string detail) {
    return Status(StatusCode::kConflict, "", std::move(detail));
  }
  static Status Unavailable(std::string detail) {
    return Status(StatusCode::kUnavailable, "", std::move(detail));
  }
  static Status Internal(std::string detail) {
    return Status(StatusCode::kInternal, "", std::move(detail));
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& field() const { return field_; }
  const std::string& detail() const { return detail_; }
  // "invalid_argument: duration_minutes: must be 1..720"
  std::string ToString() const;

 private:
  Status(StatusCode code, std::string field, std::string detail)
      : code_(code), field_(std::move(field)), detail_(std::move(detail)) {}

  StatusCode code_ = StatusCode::kOk;
  std::string field_;
  std::string detail_;
};

// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    if (status_.ok()) status_ = Status::Internal("Result built from an ok Status without a value");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

// For a step whose failure cannot change the outcome (a rollback after an
// error, closing a read transaction): writes `what` and the status to
// standard error when it failed, so no error is dropped unseen.
void LogIfFailed(const Status& status, const char* what);

}  // namespace alongside

// Return early from a function returning Status or Result<T> when `expr` fails.
#define ALONGSIDE_RETURN_IF_ERROR(expr)          \
  do {                                           \
    ::alongside::Status status_macro_ = (expr);  \
    if (!status_macro_.ok()) return status_macro_; \
  } while (0)

// Evaluates `expr`, a Result<T>: on error returns its Status from the
// enclosing function, otherwise declares `lhs` with the value moved in.
//   ALONGSIDE_ASSIGN_OR_RETURN(domain::Person person, store.GetPerson(id));
// `lhs` must not contain a comma outside parentheses.
#define ALONGSIDE_ASSIGN_OR_RETURN(lhs, expr) \
  ALONGSIDE_ASSIGN_OR_RETURN_IMPL_(ALONGSIDE_CONCAT_(result_macro_, __LINE__), lhs, expr)
#define ALONGSIDE_ASSIGN_OR_RETURN_IMPL_(result, lhs, expr) \
  auto result = (expr);                                      \
  if (!result.ok()) return result.status();                  \
  lhs = std::move(result).value()
#define ALONGSIDE_CONCAT_(left, right) ALONGSIDE_CONCAT_IMPL_(left, right)
#define ALONGSIDE_CONCAT_IMPL_(left, right) left##right
