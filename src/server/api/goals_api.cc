// Goals in the person's words, progress and co-signature. Every rule is in
// usecase/goals.h.
#include "server/api/api_common.h"
#include "usecase/goals.h"

namespace alongside::server::api {
namespace {

Status RespondGoal(Context& context, const usecase::GoalView& view, int status) {
  context.Json(ToJson(view.goal, view.progress), status);
  return Status::Ok();
}

Status ListGoals(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(OnlyParams(context.request, {"person_id"}));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Id> person_id, QueryId(context.request, "person_id"));
  ALONGSIDE_ASSIGN_OR_RETURN(
      std::vector<usecase::GoalView> goals,
      usecase::ListGoals(context.UseCases(), context.Caller(), person_id));
  nlohmann::json items = nlohmann::json::array();
  for (const usecase::GoalView& view : goals) items.push_back(ToJson(view.goal, view.progress));
  context.Json({{"items", items}});
  return Status::Ok();
}

Status AddGoal(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_ASSIGN_OR_RETURN(
      std::optional<std::int64_t> person_id,
      input.Integer("person_id", false, 1, std::numeric_limits<std::int64_t>::max()));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string words, input.String("words", true));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Day> review, input.Date("review_on", false));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::GoalView view,
      usecase::AddGoal(context.UseCases(), context.Caller(), person_id, words, review));
  return RespondGoal(context, view, 201);
}

Status ReviseGoal(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  usecase::GoalChange change;
  const bool has_words = input.Has("words");
  ALONGSIDE_ASSIGN_OR_RETURN(std::string words, input.String("words", false));
  if (has_words) change.words = words;
  ALONGSIDE_ASSIGN_OR_RETURN(std::string status_text, input.String("status", false, 32));
  if (!status_text.empty()) {
    ALONGSIDE_ASSIGN_OR_RETURN(change.status, domain::ParseGoalStatus(status_text, "status"));
  }
  ALONGSIDE_ASSIGN_OR_RETURN(change.review_on, input.Date("review_on", false));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::GoalView view,
      usecase::ReviseGoal(context.UseCases(), context.Caller(), context.PathId(), change));
  return RespondGoal(context, view, 200);
}

Status CosignGoal(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::GoalView view,
      usecase::CosignGoal(context.UseCases(), context.Caller(), context.PathId()));
  return RespondGoal(context, view, 200);
}

Status AddGoalProgress(Context& context) {
  ALONGSIDE_ASSIGN_OR_RETURN(JsonInput input, JsonInput::Parse(context.request.body));
  ALONGSIDE_ASSIGN_OR_RETURN(std::string words, input.String("words", true));
  ALONGSIDE_RETURN_IF_ERROR(input.RejectUnknown());
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::GoalView view,
      usecase::RecordProgress(context.UseCases(), context.Caller(), context.PathId(), words));
  return RespondGoal(context, view, 201);
}

}  // namespace

void AddGoalRoutes(Router& router) {
  constexpr RouteAccess kSignedIn = RouteAccess::kSignedIn;
  AddRoute(router, "GET", "/api/v1/goals", kSignedIn, ListGoals,
           "A person's goals, every version in their words, with progress. Filter: person_id (a "
           "person served may omit it).",
           "",
           R"({"items": [{"id": 33, "current": {"words": "Walk to the park...", ...}, )"
           R"("versions": [...], "progress": [...]}]})");
  AddRoute(router, "POST", "/api/v1/goals", kSignedIn, AddGoal,
           "Add a goal in the person's words: by the person (theirs, signed by writing it; "
           "person_id may be omitted), or by their worker with them (written together, waiting "
           "for the person's co-signature).",
           R"({"person_id": 12, "words": "Get my own place by the spring.", "review_on": "2027-01-15"})",
           R"({"id": 34, "person_id": 12, "current": {"version": 1, ...}, ...})");
  AddRoute(router, "POST", "/api/v1/goals/{id}/versions", kSignedIn, ReviseGoal,
           "Revise a goal's words, status (active|achieved|set_aside) or review day (adds a "
           "version, authored by whoever writes it; a worker's change waits for the person's "
           "co-signature).",
           R"({"status": "achieved"})", R"({"id": 34, "current": {"version": 2, ...}, ...})");
  AddRoute(router, "POST", "/api/v1/goals/{id}/cosign", kSignedIn, CosignGoal,
           "The person co-signs the current version of a goal written with them (409 when it "
           "is already theirs or already co-signed).",
           "", R"({"id": 34, "current": {"cosigned_at": "2026-11-20T15:00:00Z", ...}, ...})");
  AddRoute(router, "POST", "/api/v1/goals/{id}/progress", kSignedIn, AddGoalProgress,
           "Add a progress entry to a goal.", R"({"words": "Went twice this week."})",
           R"({"id": 34, "progress": [{"words": "Went twice this week.", ...}], ...})");
}

}  // namespace alongside::server::api
