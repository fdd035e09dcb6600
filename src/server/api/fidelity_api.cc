// The fidelity API (docs/fidelity.md): F, R and P per worker, team or the
// program, with every component's numerator and denominator, under the same
// names as `alongside fidelity`'s CSV; and one unit's monthly trend.
#include "server/api/api_common.h"
#include "usecase/fidelity.h"

namespace alongside::server::api {
namespace {

nlohmann::json ScoreJson(const domain::FidelityCounts& counts,
                         const domain::FidelityScores& scores) {
  nlohmann::json json = nlohmann::json::object();
  for (domain::FidelityMeasure measure : domain::kAllFidelityMeasures) {
    const std::string name(domain::Name(measure));
    const domain::MeasureScore& score = scores[measure];
    json[name] = score.value ? nlohmann::json(*score.value) : nlohmann::json();
    json[name + "_threshold"] = score.threshold;
    json[name + "_met"] = score.met;
  }
  nlohmann::json components = nlohmann::json::object();
  for (domain::FidelityComponent component : domain::kAllFidelityComponents) {
    components[std::string(domain::Name(component))] = {
        {"measure", domain::Name(domain::MeasureOf(component))},
        {"numerator", counts[component].numerator},
        {"denominator", counts[component].denominator}};
  }
  json["components"] = std::move(components);
  return json;
}

Result<std::optional<Day>> OptionalDay(const httplib::Request& request, const std::string& name) {
  if (!request.has_param(name)) return std::optional<Day>();
  ALONGSIDE_ASSIGN_OR_RETURN(Day day, ParseDay(request.get_param_value(name), name));
  return std::optional<Day>(day);
}

Result<usecase::FidelityUnit> QueryUnit(const httplib::Request& request) {
  if (!request.has_param("by")) return usecase::FidelityUnit::kWorker;
  return usecase::ParseFidelityUnit(request.get_param_value("by"), "by");
}

Status Fidelity(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(OnlyParams(context.request, {"from", "to", "by", "id"}));
  usecase::FidelityRequest request;
  ALONGSIDE_ASSIGN_OR_RETURN(request.from, OptionalDay(context.request, "from"));
  ALONGSIDE_ASSIGN_OR_RETURN(request.to, OptionalDay(context.request, "to"));
  ALONGSIDE_ASSIGN_OR_RETURN(request.by, QueryUnit(context.request));
  ALONGSIDE_ASSIGN_OR_RETURN(request.id, QueryId(context.request, "id"));
  ALONGSIDE_ASSIGN_OR_RETURN(
      usecase::FidelityReport report,
      usecase::Fidelity(context.UseCases(), context.Caller(), request));
  nlohmann::json items = nlohmann::json::array();
  for (const usecase::FidelityRow& row : report.rows) {
    nlohmann::json item = ScoreJson(row.counts, row.scores);
    item["unit"] = usecase::Name(row.unit);
    item["id"] = row.id;
    item["name"] = row.name;
    item["workers"] = row.workers;
    if (row.team_id) item["team_id"] = *row.team_id;
    items.push_back(std::move(item));
  }
  context.Json({{"from", FormatDay(report.from)},
                {"to", FormatDay(report.to)},
                {"by", usecase::Name(request.by)},
                {"items", std::move(items)}});
  return Status::Ok();
}

Status FidelityTrend(Context& context) {
  ALONGSIDE_RETURN_IF_ERROR(OnlyParams(context.request, {"by", "id", "months"}));
  ALONGSIDE_ASSIGN_OR_RETURN(usecase::FidelityUnit unit, QueryUnit(context.request));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<Id> id, QueryId(context.request, "id"));
  ALONGSIDE_ASSIGN_OR_RETURN(std::optional<std::int64_t> months,
                             QueryInteger(context.request, "months", 1, 36));
  ALONGSIDE_ASSIGN_OR_RETURN(
      std::vector<usecase::FidelityMonth> trend,
      usecase::FidelityTrend(context.UseCases(), context.Caller(), unit, id,
                             static_cast<int>(months.value_or(12))));
  nlohmann::json items = nlohmann::json::array();
  for (const usecase::FidelityMonth& month : trend) {
    nlohmann::json item = ScoreJson(month.counts, month.scores);
    item["from"] = FormatDay(month.from);
    item["to"] = FormatDay(month.to);
    item["partial"] = month.partial;
    items.push_back(std::move(item));
  }
  context.Json({{"by", usecase::Name(unit)}, {"items", std::move(items)}});
  return Status::Ok();
}

}  // namespace

void AddFidelityRoutes(Router& router) {
  constexpr RouteAccess kSignedIn = RouteAccess::kSignedIn;
  AddRoute(router, "GET", "/api/v1/fidelity", kSignedIn, Fidelity,
           "Role fidelity F, risk oversight R and reflective practice P computed from recorded "
           "practice (docs/fidelity.md), one item per worker, team or the program (by), for a "
           "period of days (from, to: YYYY-MM-DD, to included; default the year up to today), "
           "optionally one unit (id). Each item gives every component's numerator and "
           "denominator and whether each threshold is met, under the names of `alongside "
           "fidelity`'s CSV. The program manager and the evaluator see every worker; a "
           "supervisor their supervisees, their teams and the program; a peer worker "
           "themself, their team and the program.",
           "",
           R"({"from": "2025-12-01", "to": "2026-11-30", "by": "team", "items": [{"unit": )"
           R"("team", "id": 2, "name": "Harbor team 1", "workers": 8, "F": 0.953, )"
           R"("F_threshold": 0.8, "F_met": true, ..., "components": {"peer_scope_time": )"
           R"({"measure": "F", "numerator": 2678109, "denominator": 2706140}, ...}}]})");
  AddRoute(router, "GET", "/api/v1/fidelity/trend", kSignedIn, FidelityTrend,
           "One unit's F, R and P month by month (by, id as for /api/v1/fidelity; months 1 to "
           "36, default 12), oldest first; the current month so far, marked partial (its scores "
           "count only the days up to today).",
           "",
           R"({"by": "program", "items": [{"from": "2025-12-01", "to": "2025-12-31", )"
           R"("partial": false, "F": 0.95, ..., "components": {...}}, ...]})");
}

}  // namespace alongside::server::api
