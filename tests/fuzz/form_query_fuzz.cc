// Form bodies and query strings. The input is what a browser sends as an
// application/x-www-form-urlencoded body or a query string; cpp-httplib
// turns both into Request::params with httplib::detail::parse_query_text
// (exported by Debian's libcpp-httplib.so, which is not instrumented: the
// coverage seen is ours). Then everything of ours that reads params:
//  - the contact form in its three modes (ContactForm::FromRequest, Parse,
//    AddError) against the built-in activity catalog (ToView only copies
//    the fields into the template's data, and would cost most of the time);
//  - the page field readers (IdField, CountField, OptionalDayField,
//    TrimmedField, ParseTimeOfDay) and Cookie, with the input also sent as
//    the Cookie header;
//  - the API's query readers (ReadPage, QueryId, QueryDay, OnlyParams) and
//    the vocabulary parsers handlers apply to query values.
// Invariants: a parsed form gives fields the use case can take (a length the
// domain allows, a start that round-trips through its text form); each
// reader's value lies in its documented range.
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "common/time.h"
#include "domain/activity_catalog.h"
#include "domain/rules.h"
#include "domain/vocabulary.h"
#include "fuzz_check.h"
#include "server/api/api_common.h"
#include "server/pages/contact_form.h"
#include "server/pages/form.h"

namespace alongside::fuzz {
namespace {

namespace pages = server::pages;
namespace api = server::api;

void CheckInstant(Instant instant) {
  Result<Instant> again = ParseInstant(FormatInstant(instant), "t");
  ALONGSIDE_FUZZ_CHECK(again.ok() && *again == instant);
}

void ParseContactForm(const httplib::Request& request, pages::ContactFormMode mode) {
  const domain::ActivityCatalog& catalog = domain::ActivityCatalog::Default();
  pages::ContactForm form = pages::ContactForm::FromRequest(request, mode);
  access::Principal nobody;
  const usecase::Caller caller{nobody, store::Actor{"fuzz", "local"}, 1'800'000'000,
                               TimeZone::Named("America/New_York", "zone").value()};
  std::optional<usecase::ContactFields> fields = form.Parse(mode, catalog, caller);
  ALONGSIDE_FUZZ_CHECK(fields.has_value() == form.errors.empty());
  if (fields) {
    CheckInstant(fields->start);
    ALONGSIDE_FUZZ_CHECK(domain::CheckContactMinutes(fields->duration_minutes).ok());
    ALONGSIDE_FUZZ_CHECK(fields->modalities != 0 &&
                         (fields->modalities & ~domain::kAllModalities) == 0);
    for (const std::string& code : fields->activities) {
      ALONGSIDE_FUZZ_CHECK(catalog.Find(code) != nullptr);
    }
    ALONGSIDE_FUZZ_CHECK(fields->person_words.has_value() ==
                         (mode != pages::ContactFormMode::kAmend));
    ALONGSIDE_FUZZ_CHECK(!pages::FormatReadable(fields->start, caller.zone).empty());
  }
  // A use case's refusal naming a field the form may or may not have.
  if (!request.params.empty()) {
    const auto& [name, value] = *request.params.begin();
    if (form.AddError(Status::InvalidArgument(name, value))) {
      ALONGSIDE_FUZZ_CHECK(!form.errors.empty());
    }
  }
}

void ReadPageFields(const httplib::Request& request) {
  Result<store::Id> id = pages::IdField(request, "person_id");
  if (id.ok()) ALONGSIDE_FUZZ_CHECK(*id >= 1);
  Result<int> count = pages::CountField(request, "offset");
  if (count.ok()) ALONGSIDE_FUZZ_CHECK(*count >= 0 && *count <= 999'999'999);
  Result<std::optional<Day>> review_on = pages::OptionalDayField(request, "review_on");
  if (review_on.ok() && review_on->has_value()) {
    Result<Day> again = ParseDay(FormatDay(**review_on), "d");
    ALONGSIDE_FUZZ_CHECK(again.ok() && *again == **review_on);
    ALONGSIDE_FUZZ_CHECK(!pages::FormatReadableDay(**review_on).empty());
  }
  Result<int> time_of_day =
      pages::ParseTimeOfDay(pages::Field(request, "start_time"), "start_time");
  if (time_of_day.ok()) {
    ALONGSIDE_FUZZ_CHECK(*time_of_day >= 0 && *time_of_day < 86'400 && *time_of_day % 60 == 0);
  }
  const std::string words = pages::TrimmedField(request, "words");
  ALONGSIDE_FUZZ_CHECK(words.size() <= pages::Field(request, "words").size());
  ALONGSIDE_FUZZ_CHECK(pages::Checked(request, "finalise") ==
                       !pages::Field(request, "finalise").empty());
  ALONGSIDE_FUZZ_CHECK(pages::Fields(request, "modalities").size() ==
                       request.get_param_value_count("modalities"));
  std::optional<std::string> session = pages::Cookie(request, "alongside_session");
  if (session) ALONGSIDE_FUZZ_CHECK(session->find(';') == std::string::npos);
}

void ReadApiQuery(const httplib::Request& request) {
  Result<store::Page> page = api::ReadPage(request);
  if (page.ok()) {
    ALONGSIDE_FUZZ_CHECK(page->limit >= 1 && page->limit <= 200);
    ALONGSIDE_FUZZ_CHECK(page->offset >= 0 && page->offset <= 10'000'000);
  }
  Result<std::optional<store::Id>> person_id = api::QueryId(request, "person_id");
  if (person_id.ok() && person_id->has_value()) ALONGSIDE_FUZZ_CHECK(**person_id >= 1);
  Result<std::optional<Instant>> from = api::QueryDay(request, "from");
  if (from.ok() && from->has_value()) {
    CheckInstant(**from);
    ALONGSIDE_FUZZ_CHECK(**from == StartOfDay(DayOf(**from)));
  }
  Status known = api::OnlyParams(request, {"limit", "offset", "person_id", "from", "to", "status"});
  ALONGSIDE_FUZZ_CHECK(known.ok() || known.code() == StatusCode::kInvalidArgument);
  if (request.has_param("status")) {
    Result<domain::NoteStatus> status =
        domain::ParseNoteStatus(request.get_param_value("status"), "status");
    if (status.ok()) {
      ALONGSIDE_FUZZ_CHECK(domain::Name(*status) == request.get_param_value("status"));
    }
  }
  if (request.has_param("role")) {
    Result<domain::Role> role = domain::ParseRole(request.get_param_value("role"), "role");
    if (role.ok()) ALONGSIDE_FUZZ_CHECK(domain::Name(*role) == request.get_param_value("role"));
  }
}

}  // namespace
}  // namespace alongside::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace alongside;
  const std::string text(reinterpret_cast<const char*>(data), size);
  httplib::Request request;
  httplib::detail::parse_query_text(text, request.params);
  request.headers.emplace("Cookie", text);
  // The router refuses names and values that are not valid text before a
  // handler reads them (router.cc); the readers must be safe either way, so
  // they see every input.

  for (server::pages::ContactFormMode mode :
       {server::pages::ContactFormMode::kRecord, server::pages::ContactFormMode::kEditDraft,
        server::pages::ContactFormMode::kAmend}) {
    fuzz::ParseContactForm(request, mode);
  }
  fuzz::ReadPageFields(request);
  fuzz::ReadApiQuery(request);
  return 0;
}
