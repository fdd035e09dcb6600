// The storage contract, written against store::Store only. Every backend is
// added to INSTANTIATE_TEST_SUITE_P below and must pass every case; the
// PostgreSQL cases skip when no server is reachable (scripts/with-postgres.sh
// provides one; CI always does).
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <memory>

#include "domain/rules.h"
#include "store/open.h"
#include "store/store.h"
#include "support/test_support.h"

namespace alongside::store {
namespace {

using testing::DraftVersion;
using testing::kTestActor;
using testing::MakeSmallProgram;
using testing::SmallProgram;
using testing::TempDir;

struct Backend {
  std::string name;
  std::function<std::unique_ptr<Store>(const TempDir&)> open;
};

void PrintTo(const Backend& backend, std::ostream* out) { *out << backend.name; }

class StoreContractTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam().name == "postgres" && !testing::PostgresUnavailable().empty()) {
      GTEST_SKIP() << testing::PostgresUnavailable();
    }
    store_ = GetParam().open(dir_);
    ASSERT_NE(store_, nullptr);
    ids_ = MakeSmallProgram(*store_);
  }

  std::int64_t AuditRows() { return store_->VerifyAudit().value().rows_checked; }

  TempDir dir_;
  std::unique_ptr<Store> store_;
  SmallProgram ids_;
  const Instant kStart = 1'790'000'000;
};

// A final, signed copy of the latest version, appended through the store's
// one way to change a contact (the use cases decide when that is allowed).
Result<int> Finalise(Store& store, Id contact_id, Id signer, Instant at) {
  return store.AppendContactVersion(
      contact_id,
      [&](const domain::Contact& contact) -> Result<domain::ContactVersion> {
        domain::ContactVersion next = contact.latest();
        next.status = domain::NoteStatus::kFinal;
        next.signed_by = signer;
        next.signed_at = at;
        next.written_at = at;
        return next;
      },
      kTestActor, "contact.finalise");
}

Result<int> Append(Store& store, Id contact_id, const domain::ContactVersion& version) {
  return store.AppendContactVersion(
      contact_id, [&](const domain::Contact&) -> Result<domain::ContactVersion> { return version; },
      kTestActor, "contact.revise");
}

TEST_P(StoreContractTest, RecordsAndReadsBackAContact) {
  domain::ContactVersion draft = DraftVersion(ids_.worker, kStart);
  draft.modalities |= domain::ModalityBit(domain::Modality::kCompanionship);
  draft.activities.push_back("accompaniment");
  Result<Id> id = store_->RecordContact(ids_.person, ids_.worker, draft, kTestActor);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  Result<domain::Contact> contact = store_->GetContact(*id);
  ASSERT_TRUE(contact.ok());
  EXPECT_EQ(contact->person_id, ids_.person);
  ASSERT_EQ(contact->versions.size(), 1u);
  const domain::ContactVersion& stored = contact->latest();
  EXPECT_EQ(stored.start, draft.start);
  EXPECT_EQ(stored.end, draft.end);
  EXPECT_EQ(stored.modalities, draft.modalities);
  EXPECT_EQ(stored.activities, draft.activities);
  EXPECT_EQ(stored.person_words, "It helped to talk.");
  EXPECT_EQ(stored.status, domain::NoteStatus::kDraft);
}

TEST_P(StoreContractTest, ListsAndCountsContactsByWorkerStatusAndTime) {
  // Three contacts a day apart; the middle one finalised.
  std::vector<Id> ids;
  for (int day = 0; day < 3; ++day) {
    ids.push_back(store_->RecordContact(ids_.person, ids_.worker,
                                        DraftVersion(ids_.worker, kStart + day * 86400), kTestActor)
                      .value());
  }
  ASSERT_TRUE(Finalise(*store_, ids[1], ids_.worker, kStart + 86400 + 7200).ok());

  ContactQuery drafts;
  drafts.worker_ids = std::vector<Id>{ids_.worker};
  drafts.status = domain::NoteStatus::kDraft;
  EXPECT_EQ(store_->CountContacts(drafts).value(), 2);
  std::vector<ContactRow> newest = store_->ListContacts(drafts).value();
  ASSERT_EQ(newest.size(), 2u);
  EXPECT_EQ(newest[0].id, ids[2]);
  EXPECT_EQ(newest[1].id, ids[0]);

  drafts.oldest_first = true;
  drafts.page.limit = 1;
  std::vector<ContactRow> oldest = store_->ListContacts(drafts).value();
  ASSERT_EQ(oldest.size(), 1u);
  EXPECT_EQ(oldest[0].id, ids[0]);
  // The page does not change the count.
  EXPECT_EQ(store_->CountContacts(drafts).value(), 2);

  ContactQuery before_last_day = drafts;
  before_last_day.until = kStart + 2 * 86400;
  EXPECT_EQ(store_->CountContacts(before_last_day).value(), 1);

  ContactQuery nobody;
  nobody.worker_ids = std::vector<Id>{ids_.worker + 1000};
  EXPECT_EQ(store_->CountContacts(nobody).value(), 0);
  ContactQuery everyone;
  EXPECT_EQ(store_->CountContacts(everyone).value(), 3);
  // Several workers at once (a supervisor's view) find the same rows.
  everyone.worker_ids = std::vector<Id>{ids_.worker, ids_.worker + 1000};
  EXPECT_EQ(store_->ListContacts(everyone).value().size(), 3u);
}

TEST_P(StoreContractTest, DraftRevisionsKeepEveryVersion) {
  Id id = store_->RecordContact(ids_.person, ids_.worker, DraftVersion(ids_.worker, kStart),
                                kTestActor).value();
  domain::ContactVersion revised = DraftVersion(ids_.worker, kStart);
  revised.note = "Second thoughts, written better.";
  ASSERT_EQ(Append(*store_, id, revised).value(), 2);
  domain::Contact contact = store_->GetContact(id).value();
  ASSERT_EQ(contact.versions.size(), 2u);
  EXPECT_EQ(contact.versions[0].note, "Met for coffee and talked about the week.");
  EXPECT_EQ(contact.versions[1].note, "Second thoughts, written better.");
}

TEST_P(StoreContractTest, AppendedVersionsAreKeptAndARefusalWritesNothing) {
  Id id = store_->RecordContact(ids_.person, ids_.worker, DraftVersion(ids_.worker, kStart),
                                kTestActor).value();
  ASSERT_EQ(Finalise(*store_, id, ids_.worker, kStart + 7200).value(), 2);
  domain::Contact finalised = store_->GetContact(id).value();
  EXPECT_EQ(finalised.latest().status, domain::NoteStatus::kFinal);
  EXPECT_EQ(finalised.latest().signed_by, ids_.worker);

  // The transition sees the contact as committed; when it refuses, nothing
  // is written, not even an audit row.
  std::string before = store_->ContentDigest().value();
  std::int64_t audit_before = AuditRows();
  Result<int> refused = store_->AppendContactVersion(
      id,
      [](const domain::Contact& contact) -> Result<domain::ContactVersion> {
        EXPECT_EQ(contact.versions.size(), 2u);
        return Status::Conflict("refused by the rule");
      },
      kTestActor, "contact.revise");
  EXPECT_EQ(refused.status().code(), StatusCode::kConflict);
  EXPECT_EQ(store_->ContentDigest().value(), before);
  EXPECT_EQ(AuditRows(), audit_before);

  // A version the record's own invariants refuse is not written either.
  domain::ContactVersion unsigned_final = finalised.latest();
  unsigned_final.signed_by.reset();
  EXPECT_EQ(Append(*store_, id, unsigned_final).status().field(), "signed_by");

  domain::ContactVersion amendment = finalised.latest();
  amendment.note = "Corrected: we met at the library, not the cafe.";
  amendment.amend_reason = "wrong place";
  amendment.amends_version = 2;
  ASSERT_EQ(Append(*store_, id, amendment).value(), 3);
  domain::Contact amended = store_->GetContact(id).value();
  ASSERT_EQ(amended.versions.size(), 3u);
  EXPECT_EQ(amended.versions[1].note, "Met for coffee and talked about the week.");
  EXPECT_EQ(amended.latest().amends_version, 2);
}

TEST_P(StoreContractTest, InvalidInputNamesTheFieldAndChangesNothing) {
  std::string before = store_->ContentDigest().value();
  std::int64_t audit_before = AuditRows();
  domain::ContactVersion too_long = DraftVersion(ids_.worker, kStart, 721);
  Result<Id> rejected = store_->RecordContact(ids_.person, ids_.worker, too_long, kTestActor);
  EXPECT_EQ(rejected.status().field(), "duration_minutes");
  Result<Id> no_person =
      store_->RecordContact(9999, ids_.worker, DraftVersion(ids_.worker, kStart), kTestActor);
  EXPECT_EQ(no_person.status().field(), "person_id");
  Result<Id> no_worker =
      store_->RecordContact(ids_.person, 9999, DraftVersion(9999, kStart), kTestActor);
  EXPECT_FALSE(no_worker.ok());
  domain::Person nameless;
  nameless.team_id = ids_.team;
  EXPECT_EQ(store_->AddPerson(nameless, kTestActor).status().field(), "preferred_name");
  EXPECT_EQ(store_->ContentDigest().value(), before);
  EXPECT_EQ(AuditRows(), audit_before);
}

TEST_P(StoreContractTest, UnknownRecordsAreNotFound) {
  EXPECT_EQ(store_->GetContact(424242).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetGoal(424242).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Finalise(*store_, 424242, ids_.worker, kStart).status().code(),
            StatusCode::kNotFound);
}

TEST_P(StoreContractTest, GoalsKeepTheirWordsAcrossVersions) {
  domain::GoalVersion first;
  first.words = "Walk to the park three times a week.";
  Id goal = store_->AddGoal(ids_.person, first, kTestActor).value();
  domain::GoalVersion cosigned = first;
  cosigned.cosigned_at = kStart;
  cosigned.status = domain::GoalStatus::kAchieved;
  ASSERT_EQ(store_
                ->AppendGoalVersion(
                    goal,
                    [&](const domain::Goal&) -> Result<domain::GoalVersion> { return cosigned; },
                    kTestActor, "goal.cosign")
                .value(),
            2);
  ASSERT_TRUE(store_->AddGoalProgress({0, goal, kStart, "Did it twice.", true}, kTestActor).ok());
  EXPECT_EQ(store_->AddGoalProgress({0, 777, kStart, "x", true}, kTestActor).status().field(),
            "goal_id");
  domain::Goal stored = store_->GetGoal(goal).value();
  ASSERT_EQ(stored.versions.size(), 2u);
  EXPECT_EQ(stored.versions[0].words, first.words);
  EXPECT_FALSE(stored.versions[0].cosigned_at.has_value());
  EXPECT_EQ(stored.latest().status, domain::GoalStatus::kAchieved);
  EXPECT_EQ(stored.latest().cosigned_at, kStart);
}

TEST_P(StoreContractTest, SummaryCountsWhatIsStored) {
  Id contact = store_->RecordContact(ids_.person, ids_.worker, DraftVersion(ids_.worker, kStart),
                                     kTestActor).value();
  ASSERT_TRUE(Finalise(*store_, contact, ids_.worker, kStart + 60).ok());
  store_->RecordContact(ids_.other_person, ids_.other_worker,
                        DraftVersion(ids_.other_worker, kStart), kTestActor).value();
  domain::SupervisionSession session;
  session.supervisor_id = ids_.worker;
  session.supervisee_id = ids_.other_worker;
  session.held_at = kStart;
  ASSERT_TRUE(store_->AddSupervisionSession(session, kTestActor).ok());
  ASSERT_TRUE(store_->AddAdmission({0, ids_.person, domain::AdmissionKind::kPsychiatricInpatient,
                                    20100, 20110, "St. Anne's"}, kTestActor).ok());
  ProgramSummary summary = store_->Summary().value();
  EXPECT_EQ(summary.programs, 1);
  EXPECT_EQ(summary.teams, 1);
  EXPECT_EQ(summary.peer_workers, 2);
  EXPECT_EQ(summary.people_served, 2);
  EXPECT_EQ(summary.active_assignments, 2);
  EXPECT_EQ(summary.contacts, 2);
  EXPECT_EQ(summary.contacts_final, 1);
  EXPECT_EQ(summary.supervision_sessions, 1);
  EXPECT_EQ(summary.admissions, 1);
}

TEST_P(StoreContractTest, EveryWriteIsAuditedInAnIntactChain) {
  std::int64_t before = AuditRows();
  Id contact = store_->RecordContact(ids_.person, ids_.worker, DraftVersion(ids_.worker, kStart),
                                     {"staff:1", "10.0.0.5"}).value();
  EXPECT_EQ(AuditRows(), before + 1);
  std::vector<AuditEntry> tail = store_->AuditTail(1).value();
  ASSERT_EQ(tail.size(), 1u);
  EXPECT_EQ(tail[0].action, "contact.record");
  EXPECT_EQ(tail[0].entity_id, contact);
  EXPECT_EQ(tail[0].person_id, ids_.person);
  EXPECT_EQ(tail[0].actor, "staff:1");
  EXPECT_EQ(tail[0].address, "10.0.0.5");

  AuditEntry read;
  read.actor = "person:2";
  read.address = "local";
  read.action = "person.read";
  read.entity = "person";
  read.entity_id = ids_.person;
  read.person_id = ids_.person;
  read.outcome = "denied";
  EXPECT_EQ(store_->AppendAudit(read).value(), before + 2);
  AuditVerification verified = store_->VerifyAudit().value();
  EXPECT_TRUE(verified.intact) << verified.problem;
  EXPECT_EQ(verified.rows_checked, before + 2);
}

TEST_P(StoreContractTest, LoadValidatesEveryRecord) {
  LoadBatch batch;
  domain::Contact contact;
  contact.person_id = ids_.person;
  contact.worker_id = ids_.worker;
  contact.versions.push_back(DraftVersion(ids_.worker, kStart, 0));
  batch.contacts.push_back(contact);
  std::string before = store_->ContentDigest().value();
  Status loaded = store_->Load(batch, kTestActor);
  EXPECT_EQ(loaded.field(), "duration_minutes");
  EXPECT_EQ(store_->ContentDigest().value(), before);
}

// The supervisor's and administrator's reads (issue 11): counts per
// worker, role drift by activity code, the latest session per supervisee,
// caseloads of named workers and names in one query.
TEST_P(StoreContractTest, CountsPerWorkerDriftLatestSupervisionAndNames) {
  domain::ContactVersion drift = DraftVersion(ids_.worker, kStart);
  drift.activities = {"goal_review", "diagnosis"};
  ASSERT_TRUE(store_->RecordContact(ids_.person, ids_.worker, drift, kTestActor).ok());
  ASSERT_TRUE(store_->RecordContact(ids_.person, ids_.worker, DraftVersion(ids_.worker, kStart + 60),
                                    kTestActor)
                  .ok());
  ASSERT_TRUE(store_->RecordContact(ids_.other_person, ids_.other_worker,
                                    DraftVersion(ids_.other_worker, kStart), kTestActor)
                  .ok());
  ContactQuery query;
  query.worker_ids = std::vector<Id>{ids_.worker, ids_.other_worker};
  std::vector<WorkerCount> counts = store_->CountContactsByWorker(query).value();
  ASSERT_EQ(counts.size(), 2u);
  EXPECT_EQ(counts[0].worker_id, std::min(ids_.worker, ids_.other_worker));
  EXPECT_EQ(counts[0].count + counts[1].count, 3);
  query.any_activity = std::vector<std::string>{"diagnosis", "psychotherapy"};
  counts = store_->CountContactsByWorker(query).value();
  ASSERT_EQ(counts.size(), 1u);
  EXPECT_EQ(counts[0].worker_id, ids_.worker);
  EXPECT_EQ(counts[0].count, 1);
  EXPECT_EQ(store_->ListContacts(query).value().size(), 1u);
  query.any_activity = std::vector<std::string>{"diag"};  // whole codes only
  EXPECT_EQ(store_->CountContacts(query).value(), 0);

  domain::Staff supervisor{0, ids_.team, "Sage S.", domain::Role::kSeniorPeerSupervisor,
                           std::nullopt, std::nullopt, true};
  const Id sup = store_->AddStaff(supervisor, kTestActor).value();
  for (Instant held : {kStart, kStart + 86400}) {
    domain::SupervisionSession session;
    session.supervisor_id = sup;
    session.supervisee_id = ids_.worker;
    session.held_at = held;
    ASSERT_TRUE(store_->AddSupervisionSession(session, kTestActor).ok());
  }
  std::vector<SupervisionHeld> held =
      store_->LatestSupervision(sup, {ids_.worker, ids_.other_worker}).value();
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].supervisee_id, ids_.worker);
  EXPECT_EQ(held[0].held_at, kStart + 86400);
  EXPECT_TRUE(store_->LatestSupervision(ids_.worker, {ids_.worker}).value().empty());

  std::vector<CaseloadRow> caseloads =
      store_->CaseloadsOf({ids_.worker, 999999}, kStart + 86400).value();
  ASSERT_EQ(caseloads.size(), 1u);
  EXPECT_EQ(caseloads[0].worker.id, ids_.worker);
  EXPECT_EQ(caseloads[0].people, 1);
  EXPECT_EQ(caseloads[0].drafts, 2);

  DisplayNames names = store_->NamesOf({sup, 999999}, {ids_.person, 999999}).value();
  ASSERT_EQ(names.staff.size(), 1u);
  EXPECT_EQ(names.staff[0].second, "Sage S.");
  ASSERT_EQ(names.people.size(), 1u);
  EXPECT_EQ(names.people[0].first, ids_.person);
  EXPECT_EQ(names.people[0].second, "Sam T.");
}

std::unique_ptr<Store> OpenFresh(const std::string& backend, const TempDir& dir) {
  Result<std::unique_ptr<Store>> opened =
      OpenStore(testing::FreshDatabaseOn(backend, dir, "contract.db"), OpenMode::kCreate);
  EXPECT_TRUE(opened.ok()) << opened.status().ToString();
  return opened.ok() ? std::move(opened).value() : nullptr;
}
std::unique_ptr<Store> OpenFreshSqlite(const TempDir& dir) { return OpenFresh("sqlite", dir); }
std::unique_ptr<Store> OpenFreshPostgres(const TempDir& dir) { return OpenFresh("postgres", dir); }

// The person's own words about themselves (issue 11): replaced with an
// audit row that names the fields, never the words; refused whole, naming
// the field, when too long.
TEST_P(StoreContractTest, UpdatesAPersonsOwnWordsWithAnAuditRow) {
  const std::int64_t before = AuditRows();
  ASSERT_TRUE(store_->UpdatePersonProfile(ids_.person, "they/them", "I grow tomatoes.",
                                          kTestActor)
                  .ok());
  domain::Person person = store_->GetPerson(ids_.person).value();
  EXPECT_EQ(person.pronouns, "they/them");
  EXPECT_EQ(person.self_description, "I grow tomatoes.");
  EXPECT_EQ(person.preferred_name, "Sam T.");
  EXPECT_EQ(AuditRows(), before + 1);
  std::vector<AuditEntry> tail = store_->AuditTail(1).value();
  ASSERT_EQ(tail.size(), 1u);
  EXPECT_EQ(tail[0].action, "person.profile");
  EXPECT_EQ(tail[0].person_id, ids_.person);
  EXPECT_EQ(tail[0].detail, "pronouns, self_description");

  Status too_long = store_->UpdatePersonProfile(
      ids_.person, std::string(domain::kMaxPronounsLength + 1, 'x'), "", kTestActor);
  EXPECT_EQ(too_long.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(too_long.field(), "pronouns");
  EXPECT_EQ(store_->GetPerson(ids_.person).value().self_description, "I grow tomatoes.");
  EXPECT_EQ(AuditRows(), before + 1);
  EXPECT_EQ(store_->UpdatePersonProfile(999999, "", "", kTestActor).code(),
            StatusCode::kNotFound);
}

// A stay keeps where it was (migration 0006); a place too long is refused.
TEST_P(StoreContractTest, AdmissionsKeepTheirPlace) {
  domain::Admission stay{0, ids_.person, domain::AdmissionKind::kCrisisStabilisation, 20100,
                         std::nullopt, "Harbor crisis house"};
  ASSERT_TRUE(store_->AddAdmission(stay, kTestActor).ok());
  std::vector<domain::Admission> stays = store_->ListAdmissions(ids_.person).value();
  ASSERT_EQ(stays.size(), 1u);
  EXPECT_EQ(stays[0].place, "Harbor crisis house");
  EXPECT_FALSE(stays[0].discharged_on.has_value());
  stay.place = std::string(domain::kMaxNameLength + 1, 'x');
  Result<Id> refused = store_->AddAdmission(stay, kTestActor);
  EXPECT_EQ(refused.status().field(), "place");
  EXPECT_EQ(store_->ListAdmissions(ids_.person).value().size(), 1u);
}

// Sign-ins and sessions, on which every access decision depends (issue 12:
// the contract now calls every one of these on both backends).
TEST_P(StoreContractTest, AccountsSessionsAndTheSignedInRecord) {
  Account staff;
  staff.username = "sam.peer";
  staff.password_hash = "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";
  staff.role = domain::Role::kPeerSpecialist;
  staff.staff_id = ids_.worker;
  const Id staff_account = store_->AddAccount(staff, kTestActor).value();
  Account duplicate = staff;
  EXPECT_EQ(store_->AddAccount(duplicate, kTestActor).status().field(), "username");
  Account person;
  person.username = "sam.t";
  person.password_hash = staff.password_hash;
  person.kind = AccountKind::kPerson;
  person.person_id = ids_.person;
  const Id person_account = store_->AddAccount(person, kTestActor).value();

  Account found = store_->FindAccount("sam.peer").value();
  EXPECT_EQ(found.id, staff_account);
  EXPECT_EQ(found.role, domain::Role::kPeerSpecialist);
  EXPECT_EQ(found.staff_id, ids_.worker);
  EXPECT_EQ(store_->GetAccount(person_account).value().person_id, ids_.person);
  EXPECT_EQ(store_->FindAccount("nobody").status().code(), StatusCode::kNotFound);

  // Five claimed attempts lock the account; a success clears the count.
  for (int attempt = 0; attempt < 4; ++attempt) {
    EXPECT_TRUE(store_->ClaimSignInAttempt(staff_account, kStart, 5, 900).value());
  }
  ASSERT_TRUE(store_->RecordSuccessfulLogin(staff_account).ok());
  EXPECT_EQ(store_->GetAccount(staff_account).value().failed_logins, 0);
  for (int attempt = 0; attempt < 5; ++attempt) {
    EXPECT_TRUE(store_->ClaimSignInAttempt(staff_account, kStart, 5, 900).value());
  }
  EXPECT_FALSE(store_->ClaimSignInAttempt(staff_account, kStart + 1, 5, 900).value());
  EXPECT_EQ(store_->GetAccount(staff_account).value().locked_until, kStart + 900);
  EXPECT_EQ(store_->ClaimSignInAttempt(999999, kStart, 5, 900).status().code(),
            StatusCode::kNotFound);

  for (const char* token : {"hash-a", "hash-b", "hash-c"}) {
    Session session{token, staff_account, "csrf", kStart, kStart, kStart + 3600};
    ASSERT_TRUE(store_->CreateSession(session).ok());
  }
  ASSERT_TRUE(store_->CreateSession({"hash-p", person_account, "csrf-p", kStart, kStart,
                                     kStart + 3600}).ok());
  SignedInRecord signed_in = store_->FindSignedIn("hash-a").value();
  EXPECT_EQ(signed_in.account.id, staff_account);
  EXPECT_EQ(signed_in.display_name, "Worker One");
  EXPECT_EQ(signed_in.session.csrf_token, "csrf");
  EXPECT_EQ(store_->FindSignedIn("hash-p").value().display_name, "Sam T.");
  EXPECT_EQ(store_->FindSignedIn("no-such").status().code(), StatusCode::kNotFound);

  ASSERT_TRUE(store_->TouchSession("hash-a", kStart + 60).ok());
  EXPECT_EQ(store_->FindSession("hash-a").value().last_seen_at, kStart + 60);
  ASSERT_TRUE(store_->DeleteSession("hash-c").ok());
  EXPECT_EQ(store_->FindSession("hash-c").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->EndOtherSessions(staff_account, "hash-a", kTestActor).value(), 1);
  EXPECT_EQ(store_->FindSession("hash-b").status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(store_->CreateSession({"hash-d", staff_account, "c", kStart, kStart, kStart + 60}).ok());
  ASSERT_TRUE(store_->ChangePassword(staff_account, "$argon2id$new", "hash-a", kTestActor).ok());
  EXPECT_EQ(store_->FindAccount("sam.peer").value().password_hash, "$argon2id$new");
  EXPECT_EQ(store_->FindSession("hash-d").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->FindSession("hash-a").ok());
  EXPECT_EQ(store_->ChangePassword(999999, "$x", "", kTestActor).code(), StatusCode::kNotFound);
  ASSERT_TRUE(store_->EndSession("hash-a", staff_account, kTestActor).ok());
  EXPECT_EQ(store_->FindSession("hash-a").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->VerifyAudit().value().intact);
}

// The reads the access policy decides with: who works with a person today,
// who a supervisor supervises; and the appended audit rows it writes.
TEST_P(StoreContractTest, TheReadsAccessDecisionsUseAndAuditAppends) {
  const Day today = 20100;
  EXPECT_EQ(store_->ActiveWorkersOf(ids_.person, today).value(), std::vector<Id>{ids_.worker});
  EXPECT_TRUE(store_->ActiveWorkersOf(ids_.person, 19999).value().empty());
  const Id sup = store_->AddStaff({0, ids_.team, "Sage S.", domain::Role::kSeniorPeerSupervisor,
                                   std::nullopt, std::nullopt, true}, kTestActor).value();
  const Id supervised = store_->AddStaff({0, ids_.team, "Rowan R.", domain::Role::kPeerSpecialist,
                                          sup, std::nullopt, true}, kTestActor).value();
  EXPECT_EQ(store_->SuperviseesOf(sup).value(), std::vector<Id>{supervised});
  EXPECT_TRUE(store_->SuperviseesOf(ids_.worker).value().empty());
  EXPECT_EQ(store_->GetStaff(supervised).value().peer_supervisor_id, sup);
  EXPECT_EQ(store_->ListTeams().value().size(), 1u);
  AssignmentQuery of_person;
  of_person.person_id = ids_.person;
  of_person.active_on = today;
  EXPECT_EQ(store_->ListAssignments(of_person).value().size(), 1u);

  const std::int64_t before = AuditRows();
  AuditEntry read;
  read.actor = "staff:1";
  read.address = "local";
  read.action = "person.read";
  read.entity = "person";
  read.entity_id = ids_.person;
  read.person_id = ids_.person;
  read.outcome = "ok";
  const std::int64_t seq = store_->AppendAudit(read).value();
  EXPECT_EQ(seq, before + 1);
  std::vector<AuditEntry> rows(3, read);
  ASSERT_TRUE(store_->AppendAuditRows(rows).ok());
  EXPECT_EQ(AuditRows(), before + 4);
  std::vector<AuditEntry> tail = store_->AuditTail(4).value();
  ASSERT_EQ(tail.size(), 4u);
  for (const AuditEntry& entry : tail) EXPECT_EQ(entry.action, "person.read");
  EXPECT_TRUE(store_->VerifyAudit().value().intact);
}

// The rest of the contract's operations, each written and read back, so
// that every Store method is called on every backend.
TEST_P(StoreContractTest, EveryOtherRecordIsWrittenAndReadBack) {
  const Day today = 20100;
  const Instant noon = static_cast<Instant>(today) * 86400 + 12 * 3600;

  const Id certification = store_->AddCertification(
      {0, ids_.worker, "Certified Peer Specialist", 19000, 20500}, kTestActor).value();
  std::vector<domain::Certification> certifications =
      store_->ListCertifications(ids_.worker).value();
  ASSERT_EQ(certifications.size(), 1u);
  EXPECT_EQ(certifications[0].id, certification);
  EXPECT_EQ(certifications[0].expires_on, 20500);

  domain::PlannedContact plan;
  plan.person_id = ids_.person;
  plan.worker_id = ids_.worker;
  plan.at = noon;
  plan.place = "the library";
  plan.purpose = "look at job listings together";
  plan.created_at = noon - 86400;
  const Id plan_id = store_->AddPlannedContact(plan, kTestActor).value();
  EXPECT_EQ(store_->GetPlannedContact(plan_id).value().place, "the library");
  PlanQuery plans;
  plans.worker_ids = std::vector<Id>{ids_.worker};
  plans.from = noon - 3600;
  plans.until = noon + 3600;
  std::vector<PlannedContactRow> planned = store_->ListPlannedContacts(plans).value();
  ASSERT_EQ(planned.size(), 1u);
  EXPECT_EQ(planned[0].person_name, "Sam T.");
  ASSERT_TRUE(store_->SetPlanStatus(plan_id, domain::PlanStatus::kDone, kTestActor).ok());
  EXPECT_EQ(store_->GetPlannedContact(plan_id).value().status, domain::PlanStatus::kDone);
  EXPECT_EQ(store_->SetPlanStatus(424242, domain::PlanStatus::kDone, kTestActor).code(),
            StatusCode::kNotFound);

  ASSERT_TRUE(store_->AddContactAttempt({0, ids_.person, ids_.worker, noon,
                                         domain::ContactSetting::kPhone}, kTestActor).ok());
  std::vector<domain::ContactAttempt> attempts = store_->ListContactAttempts(ids_.person, 10).value();
  ASSERT_EQ(attempts.size(), 1u);
  EXPECT_EQ(attempts[0].at, noon);

  const Id contact = store_->RecordContact(ids_.person, ids_.worker,
                                           DraftVersion(ids_.worker, noon), kTestActor).value();
  ASSERT_TRUE(store_->AddAnnotation({0, contact, ids_.person, "It helped.", noon}, kTestActor).ok());
  std::vector<Annotation> annotations = store_->ListAnnotations(contact).value();
  ASSERT_EQ(annotations.size(), 1u);
  EXPECT_EQ(annotations[0].words, "It helped.");
  EXPECT_EQ(store_->AddAnnotation({0, contact, ids_.other_person, "Not mine.", noon}, kTestActor)
                .status().field(), "person_id");

  ASSERT_TRUE(store_->SaveProgramSettings({"America/Chicago"}, kTestActor).ok());
  EXPECT_EQ(store_->GetProgramSettings().value().time_zone, "America/Chicago");

  domain::GoalVersion goal_version;
  goal_version.words = "Cook once a week.";
  goal_version.review_on = today - 1;
  const Id goal = store_->AddGoal(ids_.person, goal_version, kTestActor).value();
  ASSERT_TRUE(store_->AddGoalProgress({0, goal, noon, "Made soup.", true}, kTestActor).ok());
  EXPECT_EQ(store_->ListGoals(ids_.person).value().size(), 1u);
  std::vector<domain::GoalProgress> progress = store_->ListGoalProgress(goal).value();
  ASSERT_EQ(progress.size(), 1u);
  EXPECT_EQ(progress[0].words, "Made soup.");
  std::vector<GoalDue> due = store_->GoalsDueForReview({ids_.worker}, today).value();
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].goal_id, goal);
  EXPECT_TRUE(store_->GoalsDueForReview({ids_.other_worker}, today).value().empty());

  PeopleQuery people;
  people.worker_ids = std::vector<Id>{ids_.worker};
  people.active_on = today;
  std::vector<PersonRow> rows = store_->ListPeople(people).value();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].person.id, ids_.person);
  EXPECT_EQ(rows[0].worker_ids, std::vector<Id>{ids_.worker});
  EXPECT_EQ(rows[0].last_contact_at, noon);

  StaffQuery staff;
  staff.team_id = ids_.team;
  EXPECT_EQ(store_->ListStaff(staff).value().size(), 2u);

  domain::SupervisionSession session;
  session.supervisor_id = ids_.other_worker;
  session.supervisee_id = ids_.worker;
  session.held_at = noon;
  ASSERT_TRUE(store_->AddSupervisionSession(session, kTestActor).ok());
  SupervisionQuery supervision;
  supervision.supervisee_ids = std::vector<Id>{ids_.worker};
  EXPECT_EQ(store_->ListSupervision(supervision).value().size(), 1u);

  std::vector<CaseloadRow> caseloads = store_->Caseloads(ids_.team, noon).value();
  ASSERT_EQ(caseloads.size(), 2u);
  std::vector<WeeklyCount> weeks = store_->ContactsPerWeek(noon - 86400, noon + 86400).value();
  ASSERT_EQ(weeks.size(), 1u);
  EXPECT_EQ(weeks[0].contacts, 1);
  EXPECT_TRUE(store_->VerifyAudit().value().intact);
}

// Role drift (docs/scope.md): a final version raises one flag per contact
// and code, in the contact's transaction; a draft raises none; a flag is
// resolved once and never deleted; the counts per worker follow.
// What fidelity reads (docs/fidelity.md), counted by hand for a small
// practice: documented and clinical-scope minutes, flagged, due and timely
// notes, self-disclosure days, goals and plans, safety events and sessions.
TEST_P(StoreContractTest, PracticeForFidelityCountsWhatEachWorkerRecorded) {
  ASSERT_TRUE(store_->ListGoals(ids_.person).value().empty());
  // In time, sharing lived experience (45 minutes).
  domain::ContactVersion shared = DraftVersion(ids_.worker, kStart);
  shared.activities = {"goal_review", "lived_experience_sharing"};
  const Id shared_id = store_->RecordContact(ids_.person, ids_.worker, shared, kTestActor).value();
  ASSERT_TRUE(Finalise(*store_, shared_id, ids_.worker, kStart + 3600).ok());
  // Late, with a clinical-only activity (60 minutes): an open flag.
  domain::ContactVersion drift = DraftVersion(ids_.worker, kStart + 86400, 60);
  drift.activities = {"diagnosis"};
  const Id drift_id = store_->RecordContact(ids_.person, ids_.worker, drift, kTestActor).value();
  ASSERT_TRUE(Finalise(*store_, drift_id, ids_.worker, kStart + 86400 + 4 * 86400).ok());
  // Still a draft, past its deadline; and one before the period.
  store_->RecordContact(ids_.person, ids_.worker, DraftVersion(ids_.worker, kStart + 2 * 86400, 30),
                        kTestActor).value();
  store_->RecordContact(ids_.person, ids_.worker, DraftVersion(ids_.worker, kStart - 20 * 86400),
                        kTestActor).value();
  // A goal in the person's words, and one a worker wrote that is not co-signed.
  domain::GoalVersion own;
  own.words = "Walk to the river on Sundays";
  own.written_at = kStart;
  store_->AddGoal(ids_.person, own, kTestActor).value();
  domain::GoalVersion theirs = own;
  theirs.words = "Go to the group on Tuesdays";
  theirs.authored_by_person = false;
  store_->AddGoal(ids_.person, theirs, kTestActor).value();
  // A safety event with a clinical supervisor's review in time, not closed.
  domain::SafetyEvent event;
  event.person_id = ids_.person;
  event.worker_id = ids_.worker;
  event.kind = domain::SafetyKind::kSuicidalThoughtsPassive;
  event.disclosed_at = kStart + 3 * 86400;
  event.opened_at = event.disclosed_at + 60;
  event.description = "Said the week felt heavy.";
  const Id event_id = store_->OpenSafetyEvent(event, {}, kTestActor).value();
  domain::SafetyReview review;
  review.event_id = event_id;
  review.reviewer_id = ids_.other_worker;
  review.reviewer_role = domain::Role::kClinicalSupervisor;
  review.at = event.opened_at + 3600;
  review.note = "Read it.";
  store_->AddSafetyReview(review, kTestActor).value();
  // Peer practice supervision with a structured reflection two days after
  // the disclosure, clinical supervision with none.
  domain::SupervisionSession peer;
  peer.supervisor_id = ids_.other_worker;
  peer.supervisee_id = ids_.worker;
  peer.held_at = kStart + 2 * 86400;
  peer.what_happened = "Shared part of my story.";
  peer.what_i_felt = "Nervous.";
  peer.what_i_learned = "Keep it short.";
  peer.what_i_will_do = "Ask first.";
  peer.discussed = {{domain::SupervisionSubject::kContact, shared_id}};
  const Id peer_id = store_->AddSupervisionSession(peer, kTestActor).value();
  EXPECT_EQ(store_->GetSupervisionSession(peer_id).value().discussed, peer.discussed);
  domain::SupervisionSession clinical = peer;
  clinical.kind = domain::SupervisionKind::kClinical;
  clinical.what_happened.clear();
  clinical.discussed.clear();
  store_->AddSupervisionSession(clinical, kTestActor).value();
  // A link to a record that is not the supervisee's is refused.
  domain::SupervisionSession wrong = peer;
  wrong.supervisee_id = ids_.other_worker;
  wrong.supervisor_id = ids_.worker;
  EXPECT_EQ(store_->AddSupervisionSession(wrong, kTestActor).status().field(), "discussed");

  store::FidelityQuery query;
  query.worker_ids = {ids_.other_worker, ids_.worker};
  query.from = kStart - 10 * 86400;
  query.until = kStart + 30 * 86400;
  query.now = kStart + 40 * 86400;
  query.from_day = DayOf(query.from);
  query.until_day = DayOf(query.until);
  query.deadline_seconds = 72 * 3600;
  query.review_seconds = 24 * 3600;
  query.self_disclosure_activity = "lived_experience_sharing";
  query.reflection_window_seconds = 30 * 86400;
  const std::vector<domain::WorkerPractice> rows = store_->PracticeForFidelity(query).value();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].worker_id, ids_.other_worker);
  EXPECT_EQ(rows[0].documented_minutes, 0);
  EXPECT_TRUE(rows[0].sessions.empty()) << "the refused session was not written";
  const domain::WorkerPractice& worker = rows[1];
  EXPECT_EQ(worker.worker_id, ids_.worker);
  EXPECT_EQ(worker.documented_minutes, 105);
  EXPECT_EQ(worker.clinical_scope_minutes, 60);
  EXPECT_EQ(worker.final_notes, 2);
  EXPECT_EQ(worker.final_notes_with_open_flag, 1);
  EXPECT_EQ(worker.notes_due, 3);
  EXPECT_EQ(worker.notes_final_in_time, 1);
  ASSERT_EQ(worker.disclosure_days.size(), 1u);
  EXPECT_EQ(worker.disclosure_days[0], (std::pair<Day, std::int64_t>{
                                           static_cast<Day>(kStart / 86400), 1}));
  EXPECT_EQ(worker.goals_and_plans, 2);
  EXPECT_EQ(worker.goals_and_plans_by_person, 1);
  EXPECT_EQ(worker.safety_events_due, 1);
  EXPECT_EQ(worker.safety_events_complete_reviewed, 0) << "reviewed in time, but not closed";
  ASSERT_EQ(worker.sessions.size(), 2u);
  EXPECT_TRUE(worker.sessions[0].structured_reflection || worker.sessions[1].structured_reflection);
  EXPECT_FALSE(worker.sessions[0].structured_reflection && worker.sessions[1].structured_reflection);

  // One worker alone (a refresh after a write: its own form of the query)
  // reads the same practice.
  store::FidelityQuery alone = query;
  alone.worker_ids = {ids_.worker};
  const std::vector<domain::WorkerPractice> single = store_->PracticeForFidelity(alone).value();
  ASSERT_EQ(single.size(), 1u);
  EXPECT_EQ(single[0].worker_id, ids_.worker);
  EXPECT_EQ(single[0].documented_minutes, worker.documented_minutes);
  EXPECT_EQ(single[0].clinical_scope_minutes, worker.clinical_scope_minutes);
  EXPECT_EQ(single[0].final_notes, worker.final_notes);
  EXPECT_EQ(single[0].final_notes_with_open_flag, worker.final_notes_with_open_flag);
  EXPECT_EQ(single[0].notes_due, worker.notes_due);
  EXPECT_EQ(single[0].notes_final_in_time, worker.notes_final_in_time);
  EXPECT_EQ(single[0].disclosure_days, worker.disclosure_days);
  EXPECT_EQ(single[0].goals_and_plans, worker.goals_and_plans);
  EXPECT_EQ(single[0].goals_and_plans_by_person, worker.goals_and_plans_by_person);
  EXPECT_EQ(single[0].safety_events_due, worker.safety_events_due);
  EXPECT_EQ(single[0].sessions.size(), worker.sessions.size());

  // Resolving the flag as reclassified leaves no open flag and no
  // clinical-scope minutes.
  const std::vector<domain::DriftFlag> flags =
      store_->ListDriftFlags(store::DriftQuery{}).value();
  for (const domain::DriftFlag& flag : flags) {
    ASSERT_TRUE(store_->ResolveDriftFlag(flag.id, [&](const domain::DriftFlag& current)
                                             -> Result<domain::DriftFlag> {
      domain::DriftFlag resolved = current;
      resolved.resolution = domain::DriftResolution::kReclassified;
      resolved.resolution_note = "it was a conversation, not a diagnosis";
      resolved.resolved_by = ids_.other_worker;
      resolved.resolved_at = kStart + 10 * 86400;
      return resolved;
    }, kTestActor).ok());
  }
  const domain::WorkerPractice after = store_->PracticeForFidelity(query).value()[1];
  EXPECT_EQ(after.final_notes_with_open_flag, 0);
  EXPECT_EQ(after.clinical_scope_minutes, 0);
}

TEST_P(StoreContractTest, DriftFlagsAreRaisedWithAFinalNoteResolvedOnceAndCounted) {
  domain::ContactVersion draft = DraftVersion(ids_.worker, kStart);
  draft.activities = {"diagnosis", "companionship"};
  draft.note = "Walked to the library. I diagnosed her with anxiety.";
  const Id id = store_->RecordContact(ids_.person, ids_.worker, draft, kTestActor).value();
  store::DriftQuery everything;
  EXPECT_TRUE(store_->ListDriftFlags(everything).value().empty()) << "a draft raises nothing";

  ASSERT_EQ(Finalise(*store_, id, ids_.worker, kStart + 3600).value(), 2);
  std::vector<domain::DriftFlag> flags = store_->ListDriftFlags(everything).value();
  ASSERT_EQ(flags.size(), 2u);
  std::vector<std::string> codes;
  for (const domain::DriftFlag& flag : flags) {
    codes.push_back(flag.code);
    EXPECT_EQ(flag.contact_id, id);
    EXPECT_EQ(flag.person_id, ids_.person);
    EXPECT_EQ(flag.worker_id, ids_.worker);
    EXPECT_EQ(flag.raised_at, kStart + 3600);
    EXPECT_FALSE(flag.resolution);
  }
  std::sort(codes.begin(), codes.end());
  EXPECT_EQ(codes[0], "diagnosis");
  EXPECT_EQ(codes[1], "scope-diagnosed");

  // An amendment that keeps the activity raises nothing new.
  domain::ContactVersion amendment = store_->GetContact(id).value().latest();
  amendment.amends_version = 2;
  amendment.amend_reason = "time";
  amendment.written_at = kStart + 7200;
  ASSERT_EQ(Append(*store_, id, amendment).value(), 3);
  EXPECT_EQ(store_->ListDriftFlags(everything).value().size(), 2u);

  std::vector<store::GuardrailCounts> counts =
      store_->GuardrailCountsOf({ids_.other_worker, ids_.worker}).value();
  ASSERT_EQ(counts.size(), 2u);
  EXPECT_EQ(counts[0].worker_id, std::min(ids_.worker, ids_.other_worker));
  for (const store::GuardrailCounts& row : counts) {
    EXPECT_EQ(row.open_drift_flags, row.worker_id == ids_.worker ? 2 : 0);
    EXPECT_EQ(row.kept_flagged_notes, row.worker_id == ids_.worker ? 1 : 0);
  }

  // Resolved once, with who and when; a second resolution is refused and
  // changes nothing; no flag can be deleted, even in the file.
  const Id flag_id = flags.front().id;
  auto resolve = [&](domain::DriftResolution how) {
    return store_->ResolveDriftFlag(
        flag_id,
        [&](const domain::DriftFlag& current) -> Result<domain::DriftFlag> {
          ALONGSIDE_RETURN_IF_ERROR(domain::CheckDriftResolution(current, how, "talked", {}));
          domain::DriftFlag resolved = current;
          resolved.resolution = how;
          resolved.resolution_note = "talked";
          resolved.resolved_by = ids_.other_worker;
          resolved.resolved_at = kStart + 9000;
          return resolved;
        },
        kTestActor);
  };
  ASSERT_TRUE(resolve(domain::DriftResolution::kExplained).ok());
  const std::string digest = store_->ContentDigest().value();
  EXPECT_EQ(resolve(domain::DriftResolution::kReclassified).code(), StatusCode::kConflict);
  EXPECT_EQ(store_->ContentDigest().value(), digest);
  domain::DriftFlag stored = store_->GetDriftFlag(flag_id).value();
  EXPECT_EQ(stored.resolution, domain::DriftResolution::kExplained);
  EXPECT_EQ(stored.resolved_by, ids_.other_worker);
  EXPECT_EQ(stored.resolved_at, kStart + 9000);
  EXPECT_EQ(stored.resolution_note, "talked");
  store::DriftQuery open;
  open.open_only = true;
  EXPECT_EQ(store_->ListDriftFlags(open).value().size(), 1u);
  EXPECT_EQ(store_->GuardrailCountsOf({ids_.worker}).value().front().open_drift_flags, 1);
  EXPECT_EQ(store_->GetDriftFlag(987654).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->VerifyAudit().value().intact);
}

// Advice requests and boundary events: validated, on a contact about the
// same person, appended with an audit row, listed by contact and worker.
TEST_P(StoreContractTest, AdviceRequestsAndBoundaryEventsAreKeptOnTheirContact) {
  const Id id = store_->RecordContact(ids_.person, ids_.worker,
                                      DraftVersion(ids_.worker, kStart), kTestActor).value();
  domain::AdviceRequest advice;
  advice.contact_id = id;
  advice.person_id = ids_.person;
  advice.worker_id = ids_.worker;
  advice.recorded_at = kStart + 60;
  advice.asked = "whether to stop her medication";
  advice.steps = {domain::AdviceStepOutcome::kDone, domain::AdviceStepOutcome::kDone,
                  domain::AdviceStepOutcome::kDeclined, domain::AdviceStepOutcome::kNotApplicable,
                  domain::AdviceStepOutcome::kNotRecorded};
  const std::int64_t audit_before = AuditRows();
  const Id advice_id = store_->AddAdviceRequest(advice, kTestActor).value();
  EXPECT_EQ(AuditRows(), audit_before + 1);

  domain::BoundaryRecord boundary;
  boundary.contact_id = id;
  boundary.person_id = ids_.person;
  boundary.worker_id = ids_.worker;
  boundary.recorded_at = kStart + 120;
  boundary.event.kind = domain::BoundaryEventKind::kGift;
  boundary.event.gift_value_cents = 800;
  boundary.event.repeated = true;
  boundary.guidance = domain::BoundaryDecision::kAcceptAndDocument;
  boundary.guidance_rules = {"gift.within_limit", "request.repeated"};
  boundary.decision = domain::BoundaryDecision::kConsultSupervisor;
  boundary.conversation = "We talked about what the bracelet means.";
  boundary.supervisor_consulted = true;
  const Id boundary_id = store_->AddBoundaryRecord(boundary, kTestActor).value();

  store::GuardrailQuery on_contact;
  on_contact.contact_id = id;
  std::vector<domain::AdviceRequest> advice_read = store_->ListAdviceRequests(on_contact).value();
  ASSERT_EQ(advice_read.size(), 1u);
  EXPECT_EQ(advice_read[0].id, advice_id);
  EXPECT_EQ(advice_read[0].steps, advice.steps);
  EXPECT_EQ(advice_read[0].asked, advice.asked);
  std::vector<domain::BoundaryRecord> boundary_read =
      store_->ListBoundaryRecords(on_contact).value();
  ASSERT_EQ(boundary_read.size(), 1u);
  EXPECT_EQ(boundary_read[0].id, boundary_id);
  EXPECT_EQ(boundary_read[0].event.gift_value_cents, 800);
  EXPECT_TRUE(boundary_read[0].event.repeated);
  EXPECT_EQ(boundary_read[0].guidance_rules, boundary.guidance_rules);
  EXPECT_EQ(boundary_read[0].decision, domain::BoundaryDecision::kConsultSupervisor);
  EXPECT_EQ(boundary_read[0].conversation, boundary.conversation);
  store::GuardrailQuery by_other;
  by_other.worker_ids = std::vector<Id>{ids_.other_worker};
  EXPECT_TRUE(store_->ListBoundaryRecords(by_other).value().empty());
  store::GuardrailCounts counts = store_->GuardrailCountsOf({ids_.worker}).value().front();
  EXPECT_EQ(counts.advice_requests, 1);
  EXPECT_EQ(counts.boundary_events, 1);

  // On a contact with someone else, or an unknown one: refused, naming the
  // field, nothing written.
  const std::string digest = store_->ContentDigest().value();
  domain::AdviceRequest elsewhere = advice;
  elsewhere.person_id = ids_.other_person;
  EXPECT_EQ(store_->AddAdviceRequest(elsewhere, kTestActor).status().field(), "contact_id");
  domain::BoundaryRecord unknown = boundary;
  unknown.contact_id = 987654;
  EXPECT_EQ(store_->AddBoundaryRecord(unknown, kTestActor).status().field(), "contact_id");
  domain::BoundaryRecord negative = boundary;
  negative.event.gift_value_cents = -1;
  EXPECT_EQ(store_->AddBoundaryRecord(negative, kTestActor).status().field(), "gift_value_cents");
  EXPECT_EQ(store_->ContentDigest().value(), digest);
}

// Governance (docs/governance.md): declarations (the latest per code
// stands), the counts of the audit, grievances with their panel and
// updates, metrics proposed, endorsed once per person and adopted; each
// write with its audit row, a refused write changing nothing.
TEST_P(StoreContractTest, GovernanceDeclarationsFactsAndMetrics) {
  const std::int64_t rows_before = AuditRows();
  // A senior peer supervisor and a clinical supervisor for the first worker.
  domain::Staff senior{0, ids_.team, "Senior Peer", domain::Role::kSeniorPeerSupervisor,
                       std::nullopt, std::nullopt, true};
  const Id senior_id = store_->AddStaff(senior, kTestActor).value();
  domain::Staff clinical{0, ids_.team, "Clinical Sup", domain::Role::kClinicalSupervisor,
                         std::nullopt, std::nullopt, true};
  const Id clinical_id = store_->AddStaff(clinical, kTestActor).value();
  domain::Staff supervised{0, ids_.team, "Worker Three", domain::Role::kRecoveryCoach, senior_id,
                           clinical_id, true};
  const Id supervised_id = store_->AddStaff(supervised, kTestActor).value();
  ASSERT_TRUE(store_->AddCertification({0, supervised_id, "CPS", 19000, 30000}, kTestActor).ok());
  ASSERT_TRUE(store_->AddCertification({0, ids_.other_worker, "CPS", 18000, 19500}, kTestActor).ok());
  domain::SupervisionSession session;
  session.supervisor_id = senior_id;
  session.supervisee_id = supervised_id;
  session.kind = domain::SupervisionKind::kPeerPractice;
  session.held_at = kStart;
  session.focus = {domain::SupervisionFocus::kRoleFidelity};
  ASSERT_TRUE(store_->AddSupervisionSession(session, kTestActor).ok());

  GovernanceFactsQuery query;
  query.peer_roles = {domain::Role::kPeerSpecialist, domain::Role::kPeerBridger,
                      domain::Role::kRecoveryCoach};
  query.today = 20000;
  query.peer_supervision_since = kStart - 14 * 86400;
  domain::GovernanceFacts facts = store_->ReadGovernanceFacts(query).value();
  EXPECT_EQ(facts.active_peer_workers, 3);
  EXPECT_EQ(facts.with_clinical_supervisor, 1);
  EXPECT_EQ(facts.with_senior_peer_supervisor, 1);
  EXPECT_EQ(facts.with_current_certification, 1);
  EXPECT_EQ(facts.with_recent_peer_supervision, 1);
  query.peer_supervision_since = kStart + 1;
  EXPECT_EQ(store_->ReadGovernanceFacts(query).value().with_recent_peer_supervision, 0);

  // Declarations: the latest per code stands.
  const std::int64_t rows_declared = AuditRows();
  ASSERT_TRUE(store_->AddGovernanceDeclaration({0, "parity_pay", false, "not yet", senior_id, 10},
                                               kTestActor).ok());
  ASSERT_TRUE(store_->AddGovernanceDeclaration({0, "parity_pay", true, "pay scale 2026", senior_id,
                                                20}, kTestActor).ok());
  ASSERT_TRUE(store_->AddGovernanceDeclaration({0, "career_ladder", false, "", senior_id, 20},
                                               kTestActor).ok());
  EXPECT_EQ(AuditRows(), rows_declared + 3);
  std::vector<domain::GovernanceDeclaration> latest =
      store_->LatestGovernanceDeclarations().value();
  ASSERT_EQ(latest.size(), 2u);
  EXPECT_EQ(latest[0].code, "career_ladder");
  EXPECT_EQ(latest[1].code, "parity_pay");
  EXPECT_TRUE(latest[1].met);
  EXPECT_EQ(latest[1].evidence, "pay scale 2026");
  const std::string digest = store_->ContentDigest().value();
  EXPECT_EQ(store_->AddGovernanceDeclaration({0, "parity_pay", true, "", 987654, 30}, kTestActor)
                .status()
                .field(),
            "recorded_by");

  // Metrics: proposed, endorsed once per person, adopted once.
  EXPECT_EQ(store_->ContentDigest().value(), digest);
  domain::ProgramMetric by_person;
  by_person.words = "People feel heard at their first visit";
  by_person.proposed_by_person_id = ids_.person;
  by_person.proposed_at = kStart;
  const Id first = store_->ProposeMetric(by_person, kTestActor).value();
  domain::ProgramMetric by_staff;
  by_staff.words = "Days from referral to first contact";
  by_staff.proposed_by_staff_id = ids_.worker;
  by_staff.proposed_at = kStart + 1;
  const Id second = store_->ProposeMetric(by_staff, kTestActor).value();
  ASSERT_TRUE(store_->EndorseMetric(second, ids_.person, kStart + 2, kTestActor).ok());
  ASSERT_TRUE(store_->EndorseMetric(second, ids_.other_person, kStart + 3, kTestActor).ok());
  EXPECT_EQ(store_->EndorseMetric(second, ids_.person, kStart + 4, kTestActor).code(),
            StatusCode::kConflict);
  EXPECT_EQ(store_->EndorseMetric(987654, ids_.person, kStart + 4, kTestActor).code(),
            StatusCode::kNotFound);
  ASSERT_TRUE(store_->AdoptMetric(second, kStart + 5, kTestActor).ok());
  EXPECT_EQ(store_->AdoptMetric(second, kStart + 6, kTestActor).code(), StatusCode::kConflict);
  EXPECT_EQ(store_->AdoptMetric(987654, kStart + 6, kTestActor).code(), StatusCode::kNotFound);
  std::vector<MetricRow> metrics = store_->ListMetrics(ids_.person).value();
  ASSERT_EQ(metrics.size(), 2u);
  EXPECT_EQ(metrics[0].metric.id, first);
  EXPECT_EQ(metrics[0].metric.proposed_by_person_id, ids_.person);
  EXPECT_EQ(metrics[0].metric.endorsements, 0);
  EXPECT_FALSE(metrics[0].endorsed_by_person);
  EXPECT_FALSE(metrics[0].metric.adopted_at.has_value());
  EXPECT_EQ(metrics[1].metric.endorsements, 2);
  EXPECT_TRUE(metrics[1].endorsed_by_person);
  EXPECT_EQ(metrics[1].metric.adopted_at, kStart + 5);
  EXPECT_FALSE(store_->ListMetrics(std::nullopt).value()[1].endorsed_by_person);
  EXPECT_EQ(store_->GetMetric(second).value().endorsements, 2);
  EXPECT_EQ(store_->GetMetric(987654).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->VerifyAudit().value().intact);
  EXPECT_GT(AuditRows(), rows_before);
}

TEST_P(StoreContractTest, GovernanceGrievancesKeepTheirPanelAndUpdates) {
  domain::Grievance grievance;
  grievance.filed_by_person_id = ids_.person;
  grievance.about_worker_id = ids_.worker;
  grievance.filed_at = kStart;
  grievance.summary = "My worker missed three visits without telling me.";
  const std::int64_t rows = AuditRows();
  const Id id = store_->FileGrievance(grievance, kTestActor).value();
  EXPECT_EQ(AuditRows(), rows + 1);
  domain::Grievance read = store_->GetGrievance(id).value();
  EXPECT_EQ(read.summary, grievance.summary);
  EXPECT_EQ(read.status, domain::GrievanceStatus::kReceived);
  EXPECT_EQ(read.about_worker_id, ids_.worker);
  ASSERT_EQ(read.updates.size(), 1u);
  EXPECT_EQ(read.updates[0].status, domain::GrievanceStatus::kReceived);

  // A refused change writes nothing.
  const std::string digest = store_->ContentDigest().value();
  Result<Id> refused = store_->UpdateGrievance(
      id, [](const domain::Grievance&) -> Result<GrievanceChange> {
        return Status::Conflict("the panel needs a peer representative");
      },
      kTestActor);
  EXPECT_EQ(refused.status().code(), StatusCode::kConflict);
  EXPECT_EQ(store_->ContentDigest().value(), digest);
  EXPECT_EQ(store_->UpdateGrievance(987654, [](const domain::Grievance&) -> Result<GrievanceChange> {
    return GrievanceChange{};
  }, kTestActor).status().code(), StatusCode::kNotFound);

  GrievanceChange panel;
  panel.update.at = kStart + 10;
  panel.update.by_staff_id = ids_.other_worker;
  panel.update.status = domain::GrievanceStatus::kPanelFormed;
  panel.update.note = "Panel formed";
  panel.panel = {{ids_.other_worker, true, true}};
  ASSERT_TRUE(store_->UpdateGrievance(
                        id, [&](const domain::Grievance&) -> Result<GrievanceChange> {
                          return panel;
                        },
                        kTestActor)
                  .ok());
  GrievanceChange resolved;
  resolved.update.at = kStart + 20;
  resolved.update.status = domain::GrievanceStatus::kResolved;
  resolved.update.note = "We met and agreed a new visit plan.";
  resolved.outcome = "A new visit plan, checked in a month.";
  ASSERT_TRUE(store_->UpdateGrievance(
                        id, [&](const domain::Grievance&) -> Result<GrievanceChange> {
                          return resolved;
                        },
                        kTestActor)
                  .ok());
  read = store_->GetGrievance(id).value();
  EXPECT_EQ(read.status, domain::GrievanceStatus::kResolved);
  EXPECT_EQ(read.outcome, "A new visit plan, checked in a month.");
  EXPECT_EQ(read.updated_at, kStart + 20);
  ASSERT_EQ(read.panel.size(), 1u);
  EXPECT_EQ(read.panel[0].staff_id, ids_.other_worker);
  EXPECT_TRUE(read.panel[0].peer_representative);
  ASSERT_EQ(read.updates.size(), 3u);
  EXPECT_EQ(read.updates[2].note, "We met and agreed a new visit plan.");

  // Lists: by filer person, by filer staff, all.
  domain::Grievance by_staff;
  by_staff.filed_by_staff_id = ids_.other_worker;
  by_staff.filed_at = kStart + 30;
  by_staff.summary = "Supervision keeps being cancelled.";
  const Id staff_filed = store_->FileGrievance(by_staff, kTestActor).value();
  GrievanceQuery mine;
  mine.filed_by_person_id = ids_.person;
  ASSERT_EQ(store_->ListGrievances(mine).value().size(), 1u);
  GrievanceQuery theirs;
  theirs.filed_by_staff_id = ids_.other_worker;
  std::vector<domain::Grievance> listed = store_->ListGrievances(theirs).value();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].id, staff_filed);
  listed = store_->ListGrievances({}).value();
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, staff_filed);  // newest first
  EXPECT_EQ(listed[1].updates.size(), 3u);
  domain::Grievance unknown = grievance;
  unknown.filed_by_person_id = 987654;
  EXPECT_EQ(store_->FileGrievance(unknown, kTestActor).status().field(), "filed_by_person_id");
  EXPECT_EQ(store_->GetGrievance(987654).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->VerifyAudit().value().intact);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContractTest,
                         ::testing::Values(Backend{"sqlite", OpenFreshSqlite},
                                           Backend{"postgres", OpenFreshPostgres}),
                         [](const ::testing::TestParamInfo<Backend>& info) {
                           return info.param.name;
                         });

}  // namespace
}  // namespace alongside::store
