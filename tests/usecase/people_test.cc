// The person's page and the person's own words (usecase/people.h):
// UpdateOwnProfile, RecordAdmission with its place, and ReadCaseloadRecord
// paging through every note, over a real SQLite store.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "domain/rules.h"
#include "usecase/people.h"
#include "usecase_fixture.h"

namespace alongside::usecase {
namespace {

TEST_F(UseCaseTest, ThePersonChangesTheirOwnWordsAndTheirWorkerReadsThem) {
  Services use = services();
  ProfileChange change;
  change.pronouns = "she/her";
  change.self_description = "A gardener, a grandmother, learning to rest.";
  Result<domain::Person> updated = UpdateOwnProfile(use, As(person_), change);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->pronouns, "she/her");

  Result<CaseloadRecord> record = ReadCaseloadRecord(use, As(worker_), ids_.person, {});
  ASSERT_TRUE(record.ok());
  EXPECT_EQ(record->person.pronouns, "she/her");
  EXPECT_EQ(record->person.self_description, "A gardener, a grandmother, learning to rest.");

  // A field left out stays as it was; an empty one clears it.
  ProfileChange only_pronouns;
  only_pronouns.pronouns = "";
  ASSERT_TRUE(UpdateOwnProfile(use, As(person_), only_pronouns).ok());
  domain::Person stored = store_->GetPerson(ids_.person).value();
  EXPECT_EQ(stored.pronouns, "");
  EXPECT_EQ(stored.self_description, "A gardener, a grandmother, learning to rest.");
}

TEST_F(UseCaseTest, OnlyThePersonChangesTheirOwnWords) {
  Services use = services();
  ProfileChange change;
  change.self_description = "Written by someone else.";
  const std::int64_t before = AuditRows();
  Result<domain::Person> refused = UpdateOwnProfile(use, As(worker_), change);
  EXPECT_EQ(refused.status().code(), StatusCode::kForbidden);
  EXPECT_EQ(store_->GetPerson(ids_.person).value().self_description, "");
  // The refusal is audited, and nothing else is written.
  EXPECT_EQ(AuditRows(), before + 1);
  std::vector<store::AuditEntry> tail = store_->AuditTail(1).value();
  ASSERT_EQ(tail.size(), 1u);
  EXPECT_EQ(tail[0].outcome, "denied");
}

TEST_F(UseCaseTest, OwnWordsTooLongNameTheFieldAndChangeNothing) {
  Services use = services();
  ProfileChange pronouns;
  pronouns.pronouns = std::string(domain::kMaxPronounsLength + 1, 'a');
  Result<domain::Person> refused = UpdateOwnProfile(use, As(person_), pronouns);
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.status().field(), "pronouns");

  ProfileChange description;
  description.self_description = std::string(domain::kMaxSelfDescriptionLength + 1, 'a');
  refused = UpdateOwnProfile(use, As(person_), description);
  EXPECT_EQ(refused.status().field(), "self_description");

  ProfileChange at_the_limit;
  at_the_limit.pronouns = std::string(domain::kMaxPronounsLength, 'a');
  EXPECT_TRUE(UpdateOwnProfile(use, As(person_), at_the_limit).ok());
  EXPECT_EQ(store_->GetPerson(ids_.person).value().self_description, "");
}

TEST_F(UseCaseTest, AStayKeepsWhereItWasAndItsDaysAreChecked) {
  Services use = services();
  const Day today = DayOf(kNow);
  domain::Admission stay{0, ids_.person, domain::AdmissionKind::kPsychiatricInpatient,
                         today - 10, std::nullopt, "St. Anne's, ward 4"};
  Result<domain::Admission> recorded = RecordAdmission(use, As(worker_), stay);
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  EXPECT_GT(recorded->id, 0);
  std::vector<domain::Admission> stays = store_->ListAdmissions(ids_.person).value();
  ASSERT_EQ(stays.size(), 1u);
  EXPECT_EQ(stays[0].place, "St. Anne's, ward 4");
  EXPECT_FALSE(stays[0].discharged_on.has_value());  // still there

  domain::Admission backwards = stay;
  backwards.discharged_on = today - 12;
  EXPECT_EQ(RecordAdmission(use, As(worker_), backwards).status().field(), "discharged_on");
  domain::Admission ahead = stay;
  ahead.discharged_on = today + 5;
  EXPECT_EQ(RecordAdmission(use, As(worker_), ahead).status().field(), "discharged_on");
  domain::Admission long_place = stay;
  long_place.place = std::string(domain::kMaxNameLength + 1, 'x');
  EXPECT_EQ(RecordAdmission(use, As(worker_), long_place).status().field(), "place");
  // Only a worker the person is assigned to.
  EXPECT_EQ(RecordAdmission(use, As(other_worker_), stay).status().code(),
            StatusCode::kForbidden);
  EXPECT_EQ(store_->ListAdmissions(ids_.person).value().size(), 1u);
}

TEST_F(UseCaseTest, TheWorkerPagesThroughEveryNoteWithTheCount) {
  Services use = services();
  constexpr int kNotes = 23;
  for (int note_idx = 0; note_idx < kNotes; ++note_idx) {
    ASSERT_TRUE(store_
                    ->RecordContact(ids_.person, ids_.worker,
                                    testing::DraftVersion(ids_.worker,
                                                          kNow - 86400 * 40 + note_idx * 3600),
                                    testing::kTestActor)
                    .ok());
  }
  std::set<store::Id> seen;
  std::vector<size_t> sizes;
  for (int offset = 0; offset <= 30; offset += 10) {
    Result<CaseloadRecord> page =
        ReadCaseloadRecord(use, As(worker_), ids_.person, store::Page{10, offset});
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->notes_total, kNotes);
    sizes.push_back(page->notes.size());
    for (const ContactView& note : page->notes) seen.insert(note.contact.id);
  }
  EXPECT_EQ(sizes, (std::vector<size_t>{10, 10, 3, 0}));
  EXPECT_EQ(seen.size(), static_cast<size_t>(kNotes));  // every note, once
}

}  // namespace
}  // namespace alongside::usecase
