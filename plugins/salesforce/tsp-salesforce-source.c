/* tsp-salesforce-source.c — the Salesforce data source
 *
 * Reads, each as ONE source: a weekly/monthly Data Export zip
 * (`WE_<OrgId>_<n>.ZIP`, one CSV per object) or its unpacked folder, a Data
 * Loader / Bulk API CSV extract of one object, and REST / Bulk JSON
 * (`{"records":[{"attributes":{"type":…},…}]}`).  All records are read into a
 * store first (tsp-sf-store.c, tsp-sf-readers.c), then mapped, because rows
 * need other objects.  Zips are read through TsArchive, in memory, entry by
 * entry: entries that leave the archive (`..`, absolute) and zip bombs are
 * refused with an error naming the entry.
 *
 * Values.  Ids are normalised to 18 characters (15-character Ids get their
 * checksum suffix; 18-character Ids whose letters lost their case get it
 * back); `000000000000000AAA` is no value.  dateTime fields are UTC
 * (`…000Z`, `…000+0000`, `…+00:00`); date fields (CloseDate, ActivityDate,
 * EndDate) are that day at 00:00 UTC, never shifted by a zone (a mapping's
 * time_zone only applies to non-ISO times, as in report exports).  Booleans
 * read true/false/1/0.  Picklists keep their API value; a multi-select value
 * (`A;B`) keeps its first value.  `#N/A` is no value.
 *
 * Identity (mapping key "identity").  "id" (default): a contact is its
 * 18-character Contact Id.  "email": its e-mail, lower-cased (a contact
 * without one keeps its Id; counted in a note).  Any other value is the API
 * name of an external-id field (e.g. External_Id__c), matched
 * case-insensitively; a contact without a value keeps its Id.  The Contact
 * Id, in 18 and in 15 characters, is an alias of the key, and an account's Id
 * an alias of its primary contact's key, so rows of other sources (a report
 * with 15-character Ids, usage keyed by account) still join.  Every fact row
 * refers to its customer by the same key, found from the record's lookups:
 *   - a contact: its key (a contact merged into another — deleted, with
 *     MasterRecordId — is the master: not a customer of its own, counted as a
 *     duplicate, its Id an alias of the master's key);
 *   - a lead: the contact it was converted to, else the lead's Id (e-mail
 *     or external id under those identities);
 *   - an account: its primary contact (the contact of the account created
 *     first), else the account itself as a customer;
 *   - a case or an opportunity: that record's customer (below);
 *   - an Id of a contact, lead or account not in this source: the Id itself,
 *     which joins another source's customer by Id or by that source's alias.
 *
 * Objects → tables.
 *   customers ← Contact: customer_id (identity), email, account_id
 *     (AccountId), name (Name, else FirstName LastName), created_at
 *     (CreatedDate), consent_email (HasOptedOutOfEmail: true → denied, false →
 *     granted), consent_phone (DoNotCall likewise); from the contact's
 *     Account: stage ← Type (Prospect, Customer - Direct…: the relationship
 *     stage), segment ← Industry, value ← the total Amount of the account's
 *     won opportunities (AnnualRevenue is the account's own revenue, not its
 *     value to us, so it is not used), renewal_at ← the latest CloseDate of a
 *     won renewal opportunity (Type or Name containing "renewal"), else the
 *     latest EndDate of its activated Contracts.  plan has no standard field:
 *     name one in the mapping's columns (e.g. "Tier__c": "plan"); mapped
 *     columns of Account and Contact fill any customer field, the contact's
 *     winning over its account's.
 *   customers ← Account with no contact in this source (a person account, or
 *     a business account without contacts): the account as a customer
 *     (customer_id its Id, or PersonEmail / its external id), account_id
 *     its Id, name, email PersonEmail, and the account fields above.
 *   cases ← Case: case_id Id, opened_at CreatedDate, closed_at ClosedDate
 *     (only when IsClosed is not false), status, priority, origin, category
 *     (Reason, else Type), escalated IsEscalated, reopened_count (CaseHistory
 *     Status changes from a closed status — a Status of a closed case, or
 *     "Closed" — to an open one; unknown without CaseHistory).  The customer:
 *     ContactId, else SuppliedEmail (the contact with that e-mail, else the
 *     e-mail itself), else AccountId.  first_response_at: the earliest, after
 *     the case was created, of a published CaseComment (IsPublished not
 *     false), an outgoing EmailMessage (Incoming false; MessageDate) whose
 *     ParentId is the case, and a CaseHistory row changing Status away from
 *     "New" or changing the owner (Owner, ownerAssignment, ownerAccepted).
 *   touches ← Task, Event, EmailMessage not on a case, CampaignMember.
 *     Task at: CompletedDateTime, else ActivityDate (a date), else CreatedDate;
 *     Event at: StartDateTime, else ActivityDateTime, else ActivityDate, else
 *     CreatedDate; EmailMessage at MessageDate, else CreatedDate;
 *     CampaignMember at CreatedDate (when the member was added).
 *     channel: TaskSubtype Email/ListEmail → email, Call → phone, LinkedIn →
 *     linkedin; else Type Call → phone, Email → email, Meeting → meeting,
 *     other values lower-cased; else a CallType → phone; else a Subject
 *     starting "Email"/"Call"; else "task" (Task) or "meeting" (Event).
 *     EmailMessage → email.  CampaignMember → the campaign's Type (Email →
 *     email, Telemarketing → phone, Direct Mail → mail, Webinar → webinar,
 *     Conference/Trade Show → event, Advertisement/Banner Ads → ads, others
 *     lower-cased), else "campaign".  campaign: the Campaign's Name (from
 *     Campaign.csv or a Campaign.Name column), else CampaignId; a Task or
 *     Event whose WhatId is a campaign gets it too.  kind: service when the
 *     activity is on a case (WhatId a case), marketing for campaign members,
 *     list e-mails and activities on a campaign, sales otherwise.  promise
 *     is empty.  The customer: WhoId, else WhatId, else AccountId (Task,
 *     Event); RelatedToId, else the contact with the sender's (incoming) or
 *     first recipient's (outgoing) address, else that address (EmailMessage);
 *     ContactId, else LeadId, else LeadOrContactId (CampaignMember).  An
 *     EmailMessage whose ActivityId is a Task of this source is that task
 *     again: counted as a duplicate.  Open tasks are kept, at their due date.
 *   responses ← SurveyQuestionResponse with a numeric answer (NumberValue,
 *     else ResponseValue when Datatype is Int/Number/Double): score; at the
 *     SurveyResponse's CompletionDateTime, else its CreatedDate, else the
 *     answer's; kind from the SurveyQuestion's QuestionType or name (NPS /
 *     promoter / recommend → nps, CSAT / satisfaction → csat, CES / effort →
 *     ces), else the mapping's constants.kind; comment the first text answer
 *     of the same response; the customer is the SurveyResponse's submitter
 *     when a contact or lead, else the SurveyInvitation's ContactId /
 *     ParticipantId.  Text answers are not rows of their own.
 *   any table ← a custom object (Nps_Survey__c…) whose columns the mapping
 *     names: "table" (default responses), "columns" and "constants" as for a
 *     CSV file; a customer column holding Salesforce Ids is resolved as above.
 *   events ← Opportunity: name "opportunity_closed_won",
 *     "opportunity_closed_lost" (IsClosed/IsWon; StageName "Closed Won/Lost"
 *     when those are absent), else "opportunity_<stage>" (StageName lower
 *     case, `_` for other characters); at CloseDate for a closed one, else
 *     LastModifiedDate (else CreatedDate, else CloseDate); value Amount;
 *     properties opportunity_id, stage, type.  The customer: ContactId, else
 *     the primary OpportunityContactRole, else AccountId.
 *
 * Counting.  Every record read is counted; a record that makes no row is
 * counted by reason: duplicate (the same Id again in this source, a merged
 * contact or account, an e-mail that is a task again), no identity (no
 * customer found; comments and history of cases not in this source),
 * unparseable (no readable time where the table needs one; the rest of a
 * file after a parse error).  The first of each kind are listed as problems
 * with file (and zip entry), line and column.  Recycle-bin records
 * (IsDeleted true, not merged) are kept and counted in a note.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsp-salesforce"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "tsp-salesforce-source.h"
#include "tsp-sf-readers.h"
#include "tsp-sf-store.h"

#define PROBE_BYTES (64 * 1024)
#define MAX_PROBE_ENTRIES 2000
#define MAX_DEPTH 3
#define MAX_MAPPED 64

struct _TspSalesforceSource
{
  GObject parent_instance;
};

static void ts_source_iface_init (TsSourceInterface *iface);

G_DEFINE_DYNAMIC_TYPE_EXTENDED (TspSalesforceSource, tsp_salesforce_source, G_TYPE_OBJECT,
                                G_TYPE_FLAG_FINAL,
                                G_IMPLEMENT_INTERFACE_DYNAMIC (TS_TYPE_SOURCE, ts_source_iface_init))

void
tsp_salesforce_source_register (GTypeModule *module)
{
  tsp_salesforce_source_register_type (module);
}

static void
tsp_salesforce_source_class_init (TspSalesforceSourceClass *klass)
{
}

static void
tsp_salesforce_source_class_finalize (TspSalesforceSourceClass *klass)
{
}

static void
tsp_salesforce_source_init (TspSalesforceSource *self)
{
}

/* ---------------------------------------------------------------------- */
/* describe and probe                                                     */

static const char *
tsp_salesforce_source_get_id (TsSource *source)
{
  return "salesforce";
}

static const char *
tsp_salesforce_source_get_name (TsSource *source)
{
  return _("Salesforce");
}

static const char *const *
tsp_salesforce_source_get_patterns (TsSource *source)
{
  static const char *const patterns[] = { "*.zip", "*.ZIP", "*.csv", "*.json", NULL };
  return patterns;
}

typedef enum
{
  MEMBER_NONE,
  MEMBER_CSV,
  MEMBER_JSON,
  MEMBER_ZIP,
} MemberType;

static MemberType
member_type_of (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  if (g_str_has_suffix (lower, ".csv"))
    return MEMBER_CSV;
  if (g_str_has_suffix (lower, ".json"))
    return MEMBER_JSON;
  if (g_str_has_suffix (lower, ".zip"))
    return MEMBER_ZIP;
  return MEMBER_NONE;
}

static gboolean
is_export_zip_name (const char *base)
{
  return g_regex_match_simple ("^WE_[0-9A-Za-z]{15,18}_[0-9]+\\.zip$", base, G_REGEX_CASELESS, 0);
}

static GBytes *
read_head (GFile        *file,
           gsize         max,
           GCancellable *cancellable)
{
  g_autoptr(GFileInputStream) in = g_file_read (file, cancellable, NULL);
  g_autofree guint8 *buf = NULL;
  gsize n = 0;

  if (in == NULL)
    return NULL;
  buf = g_malloc (max);
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), buf, max, &n, cancellable, NULL))
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&buf), n);
}

static gboolean
head_is_json (GBytes *head)
{
  gsize len;
  const char *data = g_bytes_get_data (head, &len);
  gsize i = 0;

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < len && g_ascii_isspace (data[i]))
    i++;
  return i < len && (data[i] == '{' || data[i] == '[');
}

/* 85 for a Salesforce object's CSV (beats the generic CSV plugin's 80) */
static guint
probe_csv_head (const char *display,
                GBytes     *head)
{
  g_autoptr(TsCsvReader) reader = ts_csv_reader_new_for_bytes (display, head, NULL, NULL);
  g_autoptr(GPtrArray) lower = NULL;
  g_autoptr(GPtrArray) names = NULL;
  gboolean looks = FALSE;
  gsize body;
  guint64 body_line;
  int kind;

  if (reader == NULL)
    return 0;
  kind = sf_csv_detect (reader, display, &lower, &names, &body, &body_line, &looks, NULL);
  if (kind == -2 || !looks)
    return 0;
  if (kind >= 0 && kind < SF_N_KINDS)
    return 85;
  return 60;   /* Salesforce, but an object with no table: the CSV plugin may map it */
}

static guint
probe_zip (const char *path)
{
  g_autoptr(TsArchive) archive = NULL;
  g_autofree char *base = g_path_get_basename (path);
  guint unsafe = 0;

  if (is_export_zip_name (base))
    return 95;
  archive = ts_archive_open (path, NULL, NULL);
  if (archive == NULL)
    return 0;
  for (guint i = 0; i < MAX_PROBE_ENTRIES; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *entry_base = NULL;
      const char *name;
      SfKind kind;

      if (!ts_archive_next_entry (archive, &name, &error))
        {
          /* an unsafe name is the import's to refuse, loudly */
          if (g_error_matches (error, TS_ARCHIVE_ERROR, TS_ARCHIVE_ERROR_UNSAFE_PATH) &&
              ++unsafe < 100)
            continue;
          break;
        }
      entry_base = g_path_get_basename (name);
      if (member_type_of (entry_base) == MEMBER_NONE)
        continue;
      kind = sf_kind_from_file_name (entry_base);
      if (kind >= 0 && kind < SF_N_KINDS)
        return 90;
    }
  return 0;
}

static gboolean
is_export_part_folder_name (const char *base)
{
  return g_regex_match_simple ("^WE_[0-9A-Za-z]{15,18}_[0-9]+$", base, G_REGEX_CASELESS, 0);
}

/* 75 for an unpacked export: object CSVs (Account.csv, Contact.csv…) with
 * Salesforce headers, WE_<OrgId>_<n>.ZIP parts, or WE_<OrgId>_<n>/ folders
 * holding them.  Only the folder itself and its part folders are looked at,
 * so that a folder merely holding an export somewhere below is not claimed. */
static guint
probe_dir (const char   *path,
           gboolean      part,
           GCancellable *cancellable)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint budget = 5000;

  if (dir == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)) != NULL && budget-- > 0)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (name[0] == '.')
        continue;
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          if (!part && is_export_part_folder_name (name) &&
              probe_dir (child, TRUE, cancellable) > 0)
            return 75;
          continue;
        }
      switch (member_type_of (name))
        {
        case MEMBER_ZIP:
          if (!part && is_export_zip_name (name))
            return 75;
          break;
        case MEMBER_CSV:
          {
            SfKind kind = sf_kind_from_file_name (name);
            if (kind >= 0 && kind < SF_N_KINDS)
              {
                g_autoptr(GFile) f = g_file_new_for_path (child);
                g_autoptr(GBytes) head = read_head (f, 8192, cancellable);
                if (head && probe_csv_head (child, head) >= 85)
                  return 75;
              }
          }
          break;
        case MEMBER_JSON:
        case MEMBER_NONE:
        default:
          break;
        }
    }
  return 0;
}

static guint
tsp_salesforce_source_probe (TsSource     *source,
                             GFile        *file,
                             GCancellable *cancellable)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GBytes) head = NULL;
  const guint8 *data;
  gsize len;

  if (path == NULL)
    return 0;
  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
    return probe_dir (path, FALSE, cancellable);

  head = read_head (file, PROBE_BYTES, cancellable);
  if (head == NULL)
    return 0;
  data = g_bytes_get_data (head, &len);
  if (len == 0)
    return 0;
  if (len >= 4 && (memcmp (data, "PK\003\004", 4) == 0 || memcmp (data, "PK\005\006", 4) == 0))
    return probe_zip (path);
  if (head_is_json (head))
    return sf_json_looks_salesforce ((const char *) data, len) ? 90 : 0;
  if (memchr (data, '\0', len) != NULL && !(len >= 2 && (data[0] == 0xFF || data[0] == 0xFE)))
    return 0;   /* binary */
  return probe_csv_head (path, head);
}

/* ---------------------------------------------------------------------- */
/* reading a source into the store                                        */

typedef struct
{
  char         *path;
  TsMapping    *mapping;
  TsImportJob  *job;
  GCancellable *cancellable;
  TsCsvOptions  csv_options;
  SfStore      *store;
  SfReadContext read;
  GHashTable   *unused;        /* object or file → records */
  GPtrArray    *not_read;      /* files skipped: not Salesforce, attachments */
  guint64       n_other_files;
  guint64       n_unparseable;
  const char   *format;
} Import;

static void
not_read (Import     *im,
          const char *display)
{
  g_ptr_array_add (im->not_read, g_strdup (display));
}

/* A file that failed inside a zip or folder: listed, the rest goes on. */
static gboolean
member_failed (Import     *im,
               const char *display,
               GError     *error,
               gboolean    standalone,
               GError    **out_error)
{
  if (standalone || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (out_error, error);
      return FALSE;
    }
  sf_store_add_note (im->store, SF_NOTE_ENTRY, display, 0, 0,
                     _("%s (the rest of this file is not read)"), error->message);
  im->n_unparseable++;
  g_error_free (error);
  return TRUE;
}

/* After a file is read: one of no Salesforce object is refused when it is
 * the whole source, else listed as not read; one that failed goes to
 * member_failed(). */
static gboolean
read_done (Import       *im,
           const char   *display,
           SfReadResult  result,
           gboolean      json,
           GError       *local_error,
           gboolean      standalone,
           GError      **error)
{
  switch (result)
    {
    case SF_READ_OK:
      return TRUE;
    case SF_READ_NOT_SALESFORCE:
      if (standalone)
        {
          g_set_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_UNKNOWN_TABLE,
                       json ? _("%s: no Salesforce records (objects with “attributes”) in this JSON")
                            : _("%s: cannot tell which Salesforce object this file holds: name it "
                                "after the object (Contact.csv, Case.csv…) or include the Id column"),
                       display);
          return FALSE;
        }
      not_read (im, display);
      return TRUE;
    case SF_READ_FAILED:
    default:
      return member_failed (im, display, local_error, standalone, error);
    }
}

static gboolean
read_csv_reader (Import       *im,
                 TsCsvReader  *reader,
                 const char   *display,
                 gboolean      standalone,
                 GError      **error)
{
  GError *local_error = NULL;
  SfReadResult result = sf_read_csv (&im->read, reader, display, &local_error);

  return read_done (im, display, result, FALSE, local_error, standalone, error);
}

static gboolean
read_member (Import      *im,
             const char  *display,
             GBytes      *bytes,
             MemberType   type,
             gboolean     standalone,
             GError     **error)
{
  GError *local_error = NULL;

  if (type == MEMBER_JSON)
    {
      gsize len;
      const char *data = g_bytes_get_data (bytes, &len);
      SfReadResult result = sf_read_json (&im->read, data ? data : "", len, display, &local_error);

      return read_done (im, display, result, TRUE, local_error, standalone, error);
    }
  else
    {
      g_autoptr(TsCsvReader) reader = ts_csv_reader_new_for_bytes (display, bytes, &im->csv_options,
                                                                   &local_error);
      if (reader == NULL)
        return member_failed (im, display, local_error, standalone, error);
      return read_csv_reader (im, reader, display, standalone, error);
    }
}

static gboolean
read_zip (Import      *im,
          const char  *path,
          double       from,
          double       to,
          GError     **error)
{
  g_autoptr(TsArchive) archive = ts_archive_open (path, NULL, error);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) finfo = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                  G_FILE_QUERY_INFO_NONE, NULL, NULL);
  guint64 size = finfo ? (guint64) g_file_info_get_size (finfo) : 0;

  if (archive == NULL)
    return FALSE;

  for (;;)
    {
      g_autofree char *display = NULL;
      g_autofree char *base = NULL;
      g_autoptr(GBytes) bytes = NULL;
      GError *local_error = NULL;
      const char *name;
      MemberType type;
      SfKind kind;

      if (g_cancellable_set_error_if_cancelled (im->cancellable, error))
        return FALSE;
      if (!ts_archive_next_entry (archive, &name, &local_error))
        {
          if (local_error != NULL)
            {
              /* an entry that leaves the archive, or a damaged archive: refused */
              g_propagate_error (error, local_error);
              return FALSE;
            }
          break;
        }

      display = g_strconcat (path, "/", name, NULL);
      base = g_path_get_basename (name);
      type = member_type_of (base);
      if (type != MEMBER_CSV && type != MEMBER_JSON)
        {
          im->n_other_files++;   /* attachments, documents */
          continue;
        }
      kind = sf_kind_from_file_name (base);
      if (type == MEMBER_CSV && kind == SF_UNKNOWN && im->read.mapped_columns[0] == NULL)
        {
          /* User.csv, Attachment.csv…: no table, and no mapping names them */
          not_read (im, display);
          continue;
        }

      bytes = ts_archive_read_entry (archive, im->cancellable, error);
      if (bytes == NULL)
        return FALSE;   /* too large, a bomb, damaged: refused */
      if (!read_member (im, display, bytes, type, FALSE, error))
        return FALSE;
      if (size > 0)
        {
          double read = (double) ts_archive_get_bytes_read (archive) / size;
          ts_import_job_update (im->job, from + (to - from) * MIN (1.0, read), NULL);
        }
    }
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

/* The files of an export folder, and of its WE_<OrgId>_<n>/ part folders;
 * other folders (Attachments/, Documents/) are listed in @skipped. */
static void
collect_dir (const char *path,
             gboolean    part,
             GPtrArray  *files,
             GPtrArray  *skipped)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      char *child = g_build_filename (path, names->pdata[i], NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          if (!part && is_export_part_folder_name (names->pdata[i]))
            collect_dir (child, TRUE, files, skipped);
          else if (skipped)
            g_ptr_array_add (skipped, g_strconcat (child, "/", NULL));
          g_free (child);
        }
      else
        g_ptr_array_add (files, child);
    }
}

static gboolean
read_dir (Import  *im,
          GError **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  collect_dir (im->path, FALSE, files, im->not_read);
  for (guint i = 0; i < files->len; i++)
    {
      const char *child = files->pdata[i];
      GError *local_error = NULL;

      if (g_cancellable_set_error_if_cancelled (im->cancellable, error))
        return FALSE;
      ts_import_job_update (im->job, 0.9 * i / files->len, NULL);

      switch (member_type_of (child))
        {
        case MEMBER_ZIP:
          /* export parts; a zip of something else is not ours to read */
          if (probe_zip (child) == 0)
            not_read (im, child);
          else if (!read_zip (im, child, 0.9 * i / files->len, 0.9 * (i + 1) / files->len, error))
            return FALSE;
          break;
        case MEMBER_CSV:
          {
            g_autoptr(TsCsvReader) reader = NULL;

            reader = ts_csv_reader_new_for_path (child, &im->csv_options, &local_error);
            if (reader == NULL)
              {
                if (!member_failed (im, child, local_error, FALSE, error))
                  return FALSE;
              }
            else if (!read_csv_reader (im, reader, child, FALSE, error))
              return FALSE;
          }
          break;
        case MEMBER_JSON:
          {
            g_autoptr(GMappedFile) mapped = g_mapped_file_new (child, FALSE, &local_error);
            g_autoptr(GBytes) bytes = NULL;
            if (mapped == NULL)
              {
                if (!member_failed (im, child, local_error, FALSE, error))
                  return FALSE;
                break;
              }
            bytes = g_mapped_file_get_bytes (mapped);
            if (!read_member (im, child, bytes, MEMBER_JSON, FALSE, error))
              return FALSE;
          }
          break;
        case MEMBER_NONE:
        default:
          im->n_other_files++;
          break;
        }
    }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* mapping: records to rows                                               */

typedef enum
{
  IDENTITY_ID,
  IDENTITY_EMAIL,
  IDENTITY_FIELD,
} IdentityMode;

typedef struct
{
  const char   *column;
  const char   *field;
  TsTimeFormat  format;
} Mapped;

typedef struct
{
  double won;            /* NAN: no won opportunity */
  TsTime renewal_won;
  TsTime contract_end;
} AccountFacts;

typedef struct
{
  Import           *im;
  SfStore          *store;
  TsDatasetBuilder *builder;
  TsSourceInfo     *info;
  TsMapping        *mapping;
  IdentityMode      mode;
  const char       *identity_field;
  Mapped            mapped[MAX_MAPPED];
  guint             n_mapped;

  GHashTable       *key_of;             /* SfRecord * → string id (0: none) */
  GHashTable       *contact_by_email;   /* lower-case e-mail → SfRecord * */
  GHashTable       *primary_of_account; /* account Id → SfRecord * (contact) */
  GHashTable       *primary_of_opp;     /* opportunity Id → contact Id */
  GHashTable       *facts;              /* account Id → AccountFacts * */
  GHashTable       *closed_statuses;    /* Status values of closed cases */

  guint64           dropped[TS_N_DROP_REASONS];
  guint64           rows[TS_N_TABLES];
  guint64           n_fallback;         /* contacts keyed by Id for want of the identity field */
  guint64           n_recycled;
} Map;

static SfObject *
object_of (Map    *m,
           SfKind  kind)
{
  return sf_store_get_object (m->store, kind);
}

static GPtrArray *
records_of (Map    *m,
            SfKind  kind)
{
  static GPtrArray *empty;
  SfObject *object = object_of (m, kind);

  if (object)
    return object->records;
  if (g_once_init_enter (&empty))
    g_once_init_leave (&empty, g_ptr_array_new ());
  return empty;
}

static void
note (Map            *m,
      SfNoteKind      kind,
      const SfRecord *record,
      guint           slot,
      const char     *format,
      ...) G_GNUC_PRINTF (5, 6);

static void
note (Map            *m,
      SfNoteKind      kind,
      const SfRecord *record,
      guint           slot,
      const char     *format,
      ...)
{
  g_autofree char *msg = NULL;
  g_autofree char *what = sf_record_describe (record);
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  sf_store_add_note (m->store, kind, record->file->display, record->line,
                     slot == G_MAXUINT ? 0 : sf_record_column (record, slot), "%s: %s", what, msg);
}

static void
drop (Map            *m,
      TsDropReason    reason,
      const SfRecord *record,
      guint           slot,
      const char     *why)
{
  SfNoteKind kind = reason == TS_DROP_DUPLICATE ? SF_NOTE_DUPLICATE
                  : reason == TS_DROP_NO_IDENTITY ? SF_NOTE_NO_CUSTOMER
                  : SF_NOTE_NO_TIME;

  m->dropped[reason]++;
  note (m, kind, record, slot, "%s", why);
}

static guint32
intern (Map        *m,
        const char *str)
{
  if (str == NULL || *str == '\0')
    return TS_STR_NULL;
  return ts_dataset_builder_intern (m->builder, str, strlen (str));
}

static guint32
intern_email (Map        *m,
              const char *email)
{
  g_autofree char *lower = NULL;

  if (email == NULL)
    return TS_STR_NULL;
  lower = g_ascii_strdown (email, -1);
  g_strstrip (lower);
  return intern (m, lower);
}

static void
append (Map           *m,
        TsTable        table,
        const TsValue *row)
{
  ts_dataset_builder_append (m->builder, table, row);
  m->rows[table]++;
}

/* values ---------------------------------------------------------------- */

static gboolean
is_date_field (const char *name)
{
  /* Salesforce's date (not dateTime) fields end in "Date", its dateTimes in
   * "DateTime" or are the audit fields */
  static const char *const datetimes[] = {
    "CreatedDate", "LastModifiedDate", "SystemModstamp", "ClosedDate", "MessageDate",
    "LastViewedDate", "LastReferencedDate", "FirstRespondedDate", NULL
  };

  for (guint i = 0; datetimes[i]; i++)
    if (g_ascii_strcasecmp (name, datetimes[i]) == 0)
      return FALSE;
  return g_str_has_suffix (name, "Date") && !g_str_has_suffix (name, "DateTime");
}

static gboolean
parse_time_text (Map          *m,
                 const char   *s,
                 gboolean      date_only,
                 TsTimeFormat  format,
                 TsTime       *out)
{
  gsize len = strlen (s);

  if (date_only && len > 10 && (s[10] == 'T' || s[10] == ' ') && s[4] == '-')
    len = 10;   /* a date is that day, whatever time or zone follows */
  if (format == TS_TIME_FORMAT_UNKNOWN || format == TS_TIME_FORMAT_ISO8601)
    {
      if (ts_timestamp_parse (s, len, TS_TIME_FORMAT_ISO8601, NULL, out))
        return TRUE;
      format = ts_mapping_get_time_format (m->mapping);
    }
  /* report exports write local, non-ISO times */
  return format != TS_TIME_FORMAT_UNKNOWN && format != TS_TIME_FORMAT_ISO8601 &&
         ts_timestamp_parse (s, len, format,
                             date_only ? NULL : ts_mapping_get_time_zone (m->mapping), out);
}

/* The time in @slot; %FALSE when absent or unreadable (then listed). */
static gboolean
get_time (Map            *m,
          const SfRecord *record,
          guint           slot,
          TsTime         *out)
{
  const char *s = sf_get (record, slot);
  const char *name;

  *out = TS_TIME_NULL;
  if (s == NULL)
    return FALSE;
  name = g_ptr_array_index (record->object->field_names, slot);
  if (parse_time_text (m, s, is_date_field (name), TS_TIME_FORMAT_UNKNOWN, out))
    return TRUE;
  *out = TS_TIME_NULL;
  note (m, SF_NOTE_BAD_TIME, record, slot, _("%s: cannot read “%s” as a time"), name, s);
  return FALSE;
}

/* -1: absent or unreadable; 0 or 1 */
static int
get_bool (Map            *m,
          const SfRecord *record,
          guint           slot)
{
  const char *s = sf_get (record, slot);
  gboolean b;

  if (s == NULL)
    return -1;
  if (ts_boolean_parse (s, strlen (s), &b))
    return b ? 1 : 0;
  note (m, SF_NOTE_BAD_BOOLEAN, record, slot, _("%s: “%s” is neither true nor false"),
        (char *) g_ptr_array_index (record->object->field_names, slot), s);
  return -1;
}

static gboolean
parse_number_text (const char *s,
                   double     *out)
{
  char *end = NULL;
  double d;

  while (g_ascii_isspace (*s))
    s++;
  if (*s == '\0')
    return FALSE;
  d = g_ascii_strtod (s, &end);
  while (end && g_ascii_isspace (*end))
    end++;
  if (end == NULL || *end != '\0' || !isfinite (d))
    return FALSE;
  *out = d;
  return TRUE;
}

static gboolean
get_number (Map            *m,
            const SfRecord *record,
            guint           slot,
            double         *out)
{
  const char *s = sf_get (record, slot);

  *out = NAN;
  if (s == NULL)
    return FALSE;
  if (parse_number_text (s, out))
    return TRUE;
  *out = NAN;
  note (m, SF_NOTE_BAD_NUMBER, record, slot, _("%s: “%s” is not a number"),
        (char *) g_ptr_array_index (record->object->field_names, slot), s);
  return FALSE;
}

/* "Proposal/Price Quote" → "proposal_price_quote" */
static char *
token (const char *s)
{
  GString *out = g_string_new (NULL);
  gboolean sep = FALSE;

  for (const char *p = s; p && *p; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (sep && out->len > 0)
            g_string_append_c (out, '_');
          g_string_append_c (out, g_ascii_tolower (*p));
          sep = FALSE;
        }
      else if ((guchar) *p >= 0x80)
        {
          if (sep && out->len > 0)
            g_string_append_c (out, '_');
          g_string_append_c (out, *p);
          sep = FALSE;
        }
      else
        sep = TRUE;
    }
  return g_string_free (out, FALSE);
}

static gboolean
contains_word (const char *haystack,
               const char *needle)
{
  g_autofree char *lower = haystack ? g_ascii_strdown (haystack, -1) : NULL;
  return lower && strstr (lower, needle) != NULL;
}

/* Sets field @f of @row from text, by the field's type. */
static void
set_typed (Map            *m,
           TsTable         table,
           guint           f,
           const char     *text,
           TsTimeFormat    format,
           const SfRecord *record,
           guint           slot,
           TsValue        *row)
{
  const TsFieldInfo *info = ts_table_get_field (table, f);
  gboolean b;
  double d;

  switch (info->type)
    {
    case TS_FIELD_TYPE_STRING:
    case TS_FIELD_TYPE_PROPERTIES:
      row[f].str = intern (m, text);
      break;
    case TS_FIELD_TYPE_TIME:
      {
        const char *name = record ? g_ptr_array_index (record->object->field_names, slot) : "";
        gboolean date_only = is_date_field (name) || strlen (text) == 10;
        if (!parse_time_text (m, text, date_only, format, &row[f].time))
          {
            row[f].time = TS_TIME_NULL;
            if (record)
              note (m, SF_NOTE_BAD_TIME, record, slot, _("%s: cannot read “%s” as a time"),
                    name, text);
          }
      }
      break;
    case TS_FIELD_TYPE_NUMBER:
      if (parse_number_text (text, &d))
        row[f].number = d;
      else if (record)
        note (m, SF_NOTE_BAD_NUMBER, record, slot, _("“%s” is not a number"), text);
      break;
    case TS_FIELD_TYPE_BOOLEAN:
      if (ts_boolean_parse (text, strlen (text), &b))
        row[f].flag = b ? 1 : 0;
      break;
    case TS_FIELD_TYPE_CONSENT:
      row[f].flag = ts_consent_parse (text, strlen (text));
      break;
    default:
      break;
    }
}

/* identities ------------------------------------------------------------ */

static guint32 record_key (Map      *m,
                           SfRecord *record,
                           guint     depth);

static gboolean
is_merged (Map      *m,
           SfRecord *record,
           guint     master_slot)
{
  const char *master = sf_get (record, master_slot);

  return master != NULL && g_strcmp0 (master, sf_get (record, F_ID)) != 0 &&
         get_bool (m, record, F_IS_DELETED) == 1;
}

static const char *
identity_value (Map      *m,
                SfRecord *record,
                guint     email_slot)
{
  switch (m->mode)
    {
    case IDENTITY_EMAIL:
      return email_slot != G_MAXUINT ? sf_get (record, email_slot) : NULL;
    case IDENTITY_FIELD:
      {
        int slot = sf_object_find_slot (record->object, m->identity_field);
        return slot >= 0 ? sf_get (record, slot) : NULL;
      }
    case IDENTITY_ID:
    default:
      return sf_get (record, F_ID);
    }
}

/* The key of a record that is a person (contact, lead, account as a customer). */
static guint32
own_key (Map      *m,
         SfRecord *record,
         guint     email_slot)
{
  const char *value = identity_value (m, record, email_slot);

  if (value != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (value));
      return m->mode == IDENTITY_EMAIL ? intern_email (m, trimmed) : intern (m, trimmed);
    }
  if (m->mode != IDENTITY_ID && record->object->kind == SF_CONTACT)
    m->n_fallback++;
  return intern (m, sf_get (record, F_ID));
}

static guint32
resolve_ref (Map        *m,
             const char *id,
             guint       depth)
{
  SfRecord *record;
  SfKind kind;

  if (id == NULL || depth > 8)
    return TS_STR_NULL;
  record = sf_store_lookup (m->store, id);
  if (record != NULL)
    return record_key (m, record, depth + 1);

  kind = sf_kind_from_id_prefix (id);
  if (kind == SF_ACCOUNT)
    {
      SfRecord *primary = g_hash_table_lookup (m->primary_of_account, id);
      if (primary)
        return record_key (m, primary, depth + 1);
    }
  /* a person of another source: the Id joins it there, directly or through
   * that source's alias */
  if (kind == SF_CONTACT || kind == SF_LEAD || kind == SF_ACCOUNT)
    return intern (m, id);
  return TS_STR_NULL;
}

static guint32
case_customer (Map      *m,
               SfRecord *record,
               guint     depth)
{
  guint32 key = resolve_ref (m, sf_get (record, CASE_CONTACT_ID), depth);
  const char *supplied = sf_get (record, CASE_SUPPLIED_EMAIL);

  if (key == TS_STR_NULL && supplied != NULL)
    {
      g_autofree char *lower = g_strstrip (g_ascii_strdown (supplied, -1));
      SfRecord *contact = g_hash_table_lookup (m->contact_by_email, lower);

      key = contact ? record_key (m, contact, depth + 1) : intern (m, lower);
    }
  if (key == TS_STR_NULL)
    key = resolve_ref (m, sf_get (record, CASE_ACCOUNT_ID), depth);
  return key;
}

static guint32
opportunity_customer (Map      *m,
                      SfRecord *record,
                      guint     depth)
{
  guint32 key = resolve_ref (m, sf_get (record, OPP_CONTACT_ID), depth);

  if (key == TS_STR_NULL && sf_get (record, F_ID))
    key = resolve_ref (m, g_hash_table_lookup (m->primary_of_opp, sf_get (record, F_ID)), depth);
  if (key == TS_STR_NULL)
    key = resolve_ref (m, sf_get (record, OPP_ACCOUNT_ID), depth);
  return key;
}

static guint32
record_key (Map      *m,
            SfRecord *record,
            guint     depth)
{
  gpointer cached;
  guint32 key = TS_STR_NULL;

  if (depth > 8)
    return TS_STR_NULL;
  if (g_hash_table_lookup_extended (m->key_of, record, NULL, &cached))
    return GPOINTER_TO_UINT (cached);

  switch ((int) record->object->kind)
    {
    case SF_CONTACT:
      if (is_merged (m, record, CON_MASTER_RECORD_ID))
        key = resolve_ref (m, sf_get (record, CON_MASTER_RECORD_ID), depth);
      else
        key = own_key (m, record, CON_EMAIL);
      break;
    case SF_ACCOUNT:
      if (is_merged (m, record, ACC_MASTER_RECORD_ID))
        key = resolve_ref (m, sf_get (record, ACC_MASTER_RECORD_ID), depth);
      else
        {
          SfRecord *primary = sf_get (record, F_ID)
            ? g_hash_table_lookup (m->primary_of_account, sf_get (record, F_ID)) : NULL;
          key = primary ? record_key (m, primary, depth + 1)
                        : own_key (m, record, ACC_PERSON_EMAIL);
        }
      break;
    case SF_LEAD:
      if (get_bool (m, record, LEAD_IS_CONVERTED) == 1 &&
          sf_get (record, LEAD_CONVERTED_CONTACT_ID))
        key = resolve_ref (m, sf_get (record, LEAD_CONVERTED_CONTACT_ID), depth);
      else
        key = own_key (m, record, LEAD_EMAIL);
      break;
    case SF_CASE:
      key = case_customer (m, record, depth);
      break;
    case SF_OPPORTUNITY:
      key = opportunity_customer (m, record, depth);
      break;
    default:
      break;
    }

  g_hash_table_insert (m->key_of, record, GUINT_TO_POINTER (key));
  return key;
}

static SfKind
kind_of_ref (Map        *m,
             const char *id)
{
  SfRecord *record = sf_store_lookup (m->store, id);

  if (id == NULL)
    return SF_UNKNOWN;
  return record ? record->object->kind : sf_kind_from_id_prefix (id);
}

/* preparation ----------------------------------------------------------- */

static void
prepare_people (Map *m)
{
  GPtrArray *contacts = records_of (m, SF_CONTACT);
  g_autoptr(GHashTable) created = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < contacts->len; i++)
    {
      SfRecord *c = contacts->pdata[i];
      const char *account = sf_get (c, CON_ACCOUNT_ID);
      const char *email = sf_get (c, CON_EMAIL);

      if (is_merged (m, c, CON_MASTER_RECORD_ID))
        continue;
      if (email != NULL)
        {
          char *lower = g_strstrip (g_ascii_strdown (email, -1));
          if (!g_hash_table_contains (m->contact_by_email, lower))
            g_hash_table_insert (m->contact_by_email, lower, c);
          else
            g_free (lower);
        }
      if (account != NULL)
        {
          /* the account's primary contact: created first */
          SfRecord *best = g_hash_table_lookup (m->primary_of_account, account);
          TsTime t = TS_TIME_NULL, bt = TS_TIME_NULL;
          const char *s = sf_get (c, F_CREATED_DATE);

          if (s == NULL || !ts_timestamp_parse (s, strlen (s), TS_TIME_FORMAT_ISO8601, NULL, &t))
            t = G_MAXINT64;
          if (best != NULL)
            {
              const char *bs = sf_get (best, F_CREATED_DATE);
              if (bs == NULL ||
                  !ts_timestamp_parse (bs, strlen (bs), TS_TIME_FORMAT_ISO8601, NULL, &bt))
                bt = G_MAXINT64;
            }
          if (best == NULL || t < bt)
            g_hash_table_insert (m->primary_of_account, (gpointer) account, c);
        }
    }

  for (guint i = 0; i < records_of (m, SF_OPPORTUNITY_CONTACT_ROLE)->len; i++)
    {
      SfRecord *r = records_of (m, SF_OPPORTUNITY_CONTACT_ROLE)->pdata[i];
      const char *opp = sf_get (r, OCR_OPPORTUNITY_ID);
      const char *contact = sf_get (r, OCR_CONTACT_ID);
      int primary = get_bool (m, r, OCR_IS_PRIMARY);

      if (opp && contact && (primary == 1 || !g_hash_table_contains (m->primary_of_opp, opp)))
        g_hash_table_insert (m->primary_of_opp, (gpointer) opp, (gpointer) contact);
    }
}

static AccountFacts *
facts_for (Map        *m,
           const char *account)
{
  AccountFacts *f = g_hash_table_lookup (m->facts, account);

  if (f == NULL)
    {
      f = g_new0 (AccountFacts, 1);
      f->won = NAN;
      f->renewal_won = TS_TIME_NULL;
      f->contract_end = TS_TIME_NULL;
      g_hash_table_insert (m->facts, (gpointer) account, f);
    }
  return f;
}

/* 1: won, 0: lost, -1: open */
static int
opportunity_outcome (Map      *m,
                     SfRecord *r)
{
  int closed = get_bool (m, r, OPP_IS_CLOSED);
  int won = get_bool (m, r, OPP_IS_WON);
  const char *stage = sf_get (r, OPP_STAGE_NAME);

  if (closed == -1 && won == -1)
    {
      /* no flags selected: the default stage names */
      if (stage && g_ascii_strcasecmp (stage, "Closed Won") == 0)
        return 1;
      if (stage && g_ascii_strcasecmp (stage, "Closed Lost") == 0)
        return 0;
      return -1;
    }
  if (won == 1)
    return 1;
  if (closed == 1)
    return 0;
  return -1;
}

static void
prepare_accounts (Map *m)
{
  GPtrArray *opps = records_of (m, SF_OPPORTUNITY);
  GPtrArray *contracts = records_of (m, SF_CONTRACT);

  for (guint i = 0; i < opps->len; i++)
    {
      SfRecord *r = opps->pdata[i];
      const char *account = sf_get (r, OPP_ACCOUNT_ID);
      AccountFacts *f;
      double amount;

      if (account == NULL || opportunity_outcome (m, r) != 1)
        continue;
      f = facts_for (m, account);
      if (sf_get (r, OPP_AMOUNT) && parse_number_text (sf_get (r, OPP_AMOUNT), &amount))
        f->won = isnan (f->won) ? amount : f->won + amount;
      if (contains_word (sf_get (r, OPP_TYPE), "renewal") ||
          contains_word (sf_get (r, OPP_NAME), "renewal"))
        {
          TsTime t;
          const char *s = sf_get (r, OPP_CLOSE_DATE);
          if (s && parse_time_text (m, s, TRUE, TS_TIME_FORMAT_UNKNOWN, &t) &&
              (f->renewal_won == TS_TIME_NULL || t > f->renewal_won))
            f->renewal_won = t;
        }
    }

  for (guint i = 0; i < contracts->len; i++)
    {
      SfRecord *r = contracts->pdata[i];
      const char *account = sf_get (r, CTR_ACCOUNT_ID);
      const char *status = sf_get (r, CTR_STATUS);
      const char *end = sf_get (r, CTR_END_DATE);
      TsTime t;

      if (account == NULL || end == NULL || (status && !contains_word (status, "activ")))
        continue;
      if (parse_time_text (m, end, TRUE, TS_TIME_FORMAT_UNKNOWN, &t))
        {
          AccountFacts *f = facts_for (m, account);
          if (f->contract_end == TS_TIME_NULL || t > f->contract_end)
            f->contract_end = t;
        }
    }
}

/* customers ------------------------------------------------------------- */

static void
apply_mapped (Map            *m,
              const SfRecord *record,
              TsTable         table,
              TsValue        *row)
{
  for (guint i = 0; i < m->n_mapped; i++)
    {
      int f = ts_table_find_field (table, m->mapped[i].field);
      int slot = sf_object_find_slot (record->object, m->mapped[i].column);
      const char *value;

      if (f < 0 || slot < 0 || (value = sf_get (record, slot)) == NULL)
        continue;
      if (f == 0)
        continue;   /* the customer (reference): the identity decides that */
      set_typed (m, table, f, value, m->mapped[i].format, record, slot, row);
    }
}

static void
fill_from_account (Map        *m,
                   const char *account_id,
                   TsValue    *row)
{
  SfRecord *account = sf_store_lookup (m->store, account_id);
  AccountFacts *f = account_id ? g_hash_table_lookup (m->facts, account_id) : NULL;

  if (account != NULL && account->object->kind == SF_ACCOUNT)
    {
      row[TS_CUSTOMER_STAGE].str = intern (m, sf_get (account, ACC_TYPE));
      row[TS_CUSTOMER_SEGMENT].str = intern (m, sf_get (account, ACC_INDUSTRY));
      apply_mapped (m, account, TS_TABLE_CUSTOMERS, row);
    }
  if (f != NULL)
    {
      if (!isnan (f->won))
        row[TS_CUSTOMER_VALUE].number = f->won;
      row[TS_CUSTOMER_RENEWAL_AT].time = f->renewal_won != TS_TIME_NULL ? f->renewal_won
                                                                          : f->contract_end;
    }
}

static guint32
person_name (Map      *m,
             SfRecord *r,
             int       name_slot,
             guint     first_slot,
             guint     last_slot)
{
  const char *first = sf_get (r, first_slot);
  const char *last = sf_get (r, last_slot);
  g_autofree char *joined = NULL;

  if (name_slot >= 0 && sf_get (r, name_slot))
    return intern (m, sf_get (r, name_slot));
  if (first == NULL && last == NULL)
    return TS_STR_NULL;
  joined = g_strjoin (" ", first ? first : last, first && last ? last : NULL, NULL);
  return intern (m, joined);
}

/* Rows of other sources that name @record by its Id — 18 or 15 characters —
 * are @key's. */
static void
alias_id (Map      *m,
          SfRecord *record,
          guint32   key)
{
  const char *id = sf_get (record, F_ID);
  guint32 id18 = intern (m, id);

  if (id18 == TS_STR_NULL || key == TS_STR_NULL)
    return;
  if (id18 != key)
    ts_dataset_builder_add_alias (m->builder, id18, key);
  if (strlen (id) == 18)
    ts_dataset_builder_add_alias (m->builder, ts_dataset_builder_intern (m->builder, id, 15), key);
}

/* A contact and an account with no contact in this source are both
 * customers: where each keeps the fields of a customer row. */
typedef struct
{
  SfKind kind;
  guint  master_record_id;
  guint  email;
  guint  account_id;           /* F_ID: the record is its own account */
  int    name;
  guint  first_name;
  guint  last_name;
  guint  opted_out_of_email;   /* G_MAXUINT: no such field */
  guint  do_not_call;          /* G_MAXUINT: no such field */
} CustomerFields;

static const CustomerFields contact_fields = {
  SF_CONTACT, CON_MASTER_RECORD_ID, CON_EMAIL, CON_ACCOUNT_ID,
  CON_NAME, CON_FIRST_NAME, CON_LAST_NAME,
  CON_HAS_OPTED_OUT_OF_EMAIL, CON_DO_NOT_CALL,
};

static const CustomerFields account_fields = {
  SF_ACCOUNT, ACC_MASTER_RECORD_ID, ACC_PERSON_EMAIL, F_ID,
  ACC_NAME, ACC_FIRST_NAME, ACC_LAST_NAME,
  G_MAXUINT, G_MAXUINT,
};

/* A record merged into another is not a customer of its own: dropped as a
 * duplicate, its Id an alias of the master's key.  %TRUE when it was. */
static gboolean
drop_merged_customer (Map                  *m,
                      SfRecord             *r,
                      const CustomerFields *cf)
{
  g_autofree char *why = NULL;

  if (!is_merged (m, r, cf->master_record_id))
    return FALSE;
  why = g_strdup_printf (cf->kind == SF_ACCOUNT
                           ? _("merged into %s: its records join that account")
                           : _("merged into %s: its records join that contact"),
                         sf_get (r, cf->master_record_id));
  alias_id (m, r, record_key (m, r, 0));
  drop (m, TS_DROP_DUPLICATE, r, cf->master_record_id, why);
  return TRUE;
}

static void
emit_customer (Map                  *m,
               SfRecord             *r,
               const CustomerFields *cf)
{
  const char *account_id = sf_get (r, cf->account_id);
  guint32 key = record_key (m, r, 0);
  TsValue row[TS_MAX_ROW_FIELDS];
  int b;

  if (key == TS_STR_NULL)
    {
      drop (m, TS_DROP_NO_IDENTITY, r, F_ID, _("no Id and no identity value: not kept"));
      return;
    }

  ts_dataset_builder_clear_row (TS_TABLE_CUSTOMERS, row);
  row[TS_CUSTOMER_ID].str = key;
  row[TS_CUSTOMER_EMAIL].str = m->mode == IDENTITY_EMAIL
    ? intern_email (m, sf_get (r, cf->email))
    : intern (m, sf_get (r, cf->email));
  row[TS_CUSTOMER_ACCOUNT_ID].str = intern (m, account_id);
  row[TS_CUSTOMER_NAME].str = person_name (m, r, cf->name, cf->first_name, cf->last_name);
  get_time (m, r, F_CREATED_DATE, &row[TS_CUSTOMER_CREATED_AT].time);
  if (cf->opted_out_of_email != G_MAXUINT && (b = get_bool (m, r, cf->opted_out_of_email)) >= 0)
    row[TS_CUSTOMER_CONSENT_EMAIL].flag = b ? TS_CONSENT_DENIED : TS_CONSENT_GRANTED;
  if (cf->do_not_call != G_MAXUINT && (b = get_bool (m, r, cf->do_not_call)) >= 0)
    row[TS_CUSTOMER_CONSENT_PHONE].flag = b ? TS_CONSENT_DENIED : TS_CONSENT_GRANTED;
  fill_from_account (m, account_id, row);
  /* a record that is its own account had its mapped columns applied as
   * the account's; a contact's win over its account's */
  if (cf->account_id != F_ID)
    apply_mapped (m, r, TS_TABLE_CUSTOMERS, row);
  if (get_bool (m, r, F_IS_DELETED) == 1)
    m->n_recycled++;

  append (m, TS_TABLE_CUSTOMERS, row);
  alias_id (m, r, key);
}

static void
emit_customers (Map *m)
{
  GPtrArray *contacts = records_of (m, SF_CONTACT);
  GPtrArray *accounts = records_of (m, SF_ACCOUNT);

  for (guint i = 0; i < contacts->len; i++)
    {
      SfRecord *c = contacts->pdata[i];

      if (!drop_merged_customer (m, c, &contact_fields))
        emit_customer (m, c, &contact_fields);
    }

  for (guint i = 0; i < accounts->len; i++)
    {
      SfRecord *a = accounts->pdata[i];
      const char *id = sf_get (a, F_ID);

      if (drop_merged_customer (m, a, &account_fields))
        continue;
      if (id != NULL && g_hash_table_contains (m->primary_of_account, id))
        {
          /* its contacts are the customers, with its fields; a reference
           * to the account is one to its primary contact */
          alias_id (m, a, record_key (m, a, 0));
          continue;
        }
      emit_customer (m, a, &account_fields);
    }
}

/* cases ----------------------------------------------------------------- */

static SfRecord *
case_of (Map        *m,
         const char *id)
{
  SfRecord *r = sf_store_lookup (m->store, id);
  return r && r->object->kind == SF_CASE ? r : NULL;
}

static void
earliest_after (TsTime *slot,
                TsTime  opened,
                TsTime  t)
{
  if (opened == TS_TIME_NULL || t == TS_TIME_NULL || t <= opened)
    return;
  if (*slot == TS_TIME_NULL || t < *slot)
    *slot = t;
}

static void
emit_cases (Map *m)
{
  GPtrArray *cases = records_of (m, SF_CASE);
  GPtrArray *comments = records_of (m, SF_CASE_COMMENT);
  GPtrArray *emails = records_of (m, SF_EMAIL_MESSAGE);
  GPtrArray *history = records_of (m, SF_CASE_HISTORY);
  guint n = cases->len;
  g_autofree TsTime *opened = g_new (TsTime, MAX (n, 1));
  g_autofree TsTime *first = g_new (TsTime, MAX (n, 1));
  g_autofree double *reopened = g_new (double, MAX (n, 1));
  TsValue row[TS_MAX_ROW_FIELDS];

  for (guint i = 0; i < n; i++)
    {
      SfRecord *c = cases->pdata[i];
      const char *status = sf_get (c, CASE_STATUS);

      get_time (m, c, F_CREATED_DATE, &opened[i]);
      first[i] = TS_TIME_NULL;
      reopened[i] = history->len > 0 ? 0 : NAN;
      if (status && get_bool (m, c, CASE_IS_CLOSED) == 1)
        g_hash_table_add (m->closed_statuses, g_ascii_strdown (status, -1));
    }
  g_hash_table_add (m->closed_statuses, g_strdup ("closed"));

  /* first responses: published comments, outgoing e-mails, status and owner changes */
  for (guint i = 0; i < comments->len; i++)
    {
      SfRecord *r = comments->pdata[i];
      SfRecord *c = case_of (m, sf_get (r, CC_PARENT_ID));
      TsTime t;

      if (c == NULL)
        {
          drop (m, TS_DROP_NO_IDENTITY, r, CC_PARENT_ID,
                _("its case is not in this source: not used"));
          continue;
        }
      if (get_bool (m, r, CC_IS_PUBLISHED) == 0)
        continue;   /* internal */
      if (get_time (m, r, F_CREATED_DATE, &t))
        earliest_after (&first[c->index], opened[c->index], t);
    }
  for (guint i = 0; i < emails->len; i++)
    {
      SfRecord *r = emails->pdata[i];
      SfRecord *c = case_of (m, sf_get (r, EM_PARENT_ID));
      TsTime t;

      if (c == NULL || get_bool (m, r, EM_INCOMING) != 0)
        continue;
      if (get_time (m, r, EM_MESSAGE_DATE, &t) || get_time (m, r, F_CREATED_DATE, &t))
        earliest_after (&first[c->index], opened[c->index], t);
    }
  for (guint i = 0; i < history->len; i++)
    {
      SfRecord *r = history->pdata[i];
      SfRecord *c = case_of (m, sf_get (r, CH_CASE_ID));
      const char *field = sf_get (r, CH_FIELD);
      const char *old_value = sf_get (r, CH_OLD_VALUE);
      const char *new_value = sf_get (r, CH_NEW_VALUE);
      gboolean response = FALSE;
      TsTime t;

      if (c == NULL)
        {
          drop (m, TS_DROP_NO_IDENTITY, r, CH_CASE_ID,
                _("its case is not in this source: not used"));
          continue;
        }
      if (field == NULL)
        continue;
      if (g_ascii_strcasecmp (field, "Status") == 0)
        {
          g_autofree char *old_lower = old_value ? g_ascii_strdown (old_value, -1) : NULL;
          g_autofree char *new_lower = new_value ? g_ascii_strdown (new_value, -1) : NULL;

          response = old_lower && g_str_equal (old_lower, "new") &&
                     new_lower && !g_str_equal (new_lower, "new");
          if (old_lower && new_lower && g_hash_table_contains (m->closed_statuses, old_lower) &&
              !g_hash_table_contains (m->closed_statuses, new_lower))
            reopened[c->index] += 1;
        }
      else if (g_ascii_strcasecmp (field, "Owner") == 0 ||
               g_ascii_strcasecmp (field, "ownerAssignment") == 0 ||
               g_ascii_strcasecmp (field, "ownerAccepted") == 0)
        response = TRUE;
      if (response && get_time (m, r, F_CREATED_DATE, &t))
        earliest_after (&first[c->index], opened[c->index], t);
    }

  for (guint i = 0; i < n; i++)
    {
      SfRecord *c = cases->pdata[i];
      const char *id = sf_get (c, F_ID);
      guint32 key;
      int closed;

      if (opened[i] == TS_TIME_NULL)
        {
          drop (m, TS_DROP_UNPARSEABLE, c, F_CREATED_DATE, _("no readable CreatedDate: not kept"));
          continue;
        }
      key = record_key (m, c, 0);
      if (key == TS_STR_NULL)
        {
          drop (m, TS_DROP_NO_IDENTITY, c, CASE_CONTACT_ID,
                _("no ContactId, SuppliedEmail or AccountId: no customer, not kept"));
          continue;
        }

      ts_dataset_builder_clear_row (TS_TABLE_CASES, row);
      row[TS_CASE_CUSTOMER].str = key;
      row[TS_CASE_ID].str = intern (m, id);
      row[TS_CASE_OPENED_AT].time = opened[i];
      row[TS_CASE_FIRST_RESPONSE_AT].time = first[i];
      closed = get_bool (m, c, CASE_IS_CLOSED);
      if (closed != 0)
        get_time (m, c, CASE_CLOSED_DATE, &row[TS_CASE_CLOSED_AT].time);
      row[TS_CASE_STATUS].str = intern (m, sf_get (c, CASE_STATUS));
      row[TS_CASE_PRIORITY].str = intern (m, sf_get (c, CASE_PRIORITY));
      row[TS_CASE_ORIGIN].str = intern (m, sf_get (c, CASE_ORIGIN));
      row[TS_CASE_CATEGORY].str = intern (m, sf_get (c, CASE_REASON) ? sf_get (c, CASE_REASON)
                                                                       : sf_get (c, CASE_TYPE));
      {
        int escalated = get_bool (m, c, CASE_IS_ESCALATED);
        if (escalated >= 0)
          row[TS_CASE_ESCALATED].flag = escalated;
      }
      row[TS_CASE_REOPENED_COUNT].number = reopened[i];
      apply_mapped (m, c, TS_TABLE_CASES, row);
      if (get_bool (m, c, F_IS_DELETED) == 1)
        m->n_recycled++;
      append (m, TS_TABLE_CASES, row);
    }
}

/* touches --------------------------------------------------------------- */

static const char *
activity_channel (const char *subtype,
                  const char *type,
                  const char *call_type,
                  const char *subject,
                  const char *fallback,
                  char      **owned)
{
  if (subtype != NULL)
    {
      if (g_ascii_strcasecmp (subtype, "Email") == 0 ||
          g_ascii_strcasecmp (subtype, "ListEmail") == 0)
        return "email";
      if (g_ascii_strcasecmp (subtype, "Call") == 0)
        return "phone";
      if (g_ascii_strcasecmp (subtype, "LinkedIn") == 0)
        return "linkedin";
    }
  if (type != NULL)
    {
      if (g_ascii_strcasecmp (type, "Call") == 0)
        return "phone";
      if (g_ascii_strcasecmp (type, "Email") == 0)
        return "email";
      *owned = token (type);
      if (**owned)
        return *owned;
    }
  if (call_type != NULL)
    return "phone";
  if (subject != NULL)
    {
      if (g_ascii_strncasecmp (subject, "Email", 5) == 0)
        return "email";
      if (g_ascii_strncasecmp (subject, "Call", 4) == 0)
        return "phone";
    }
  return fallback;
}

static const char *
campaign_channel (const char  *type,
                  char       **owned)
{
  static const struct { const char *type, *channel; } table[] = {
    { "email", "email" }, { "telemarketing", "phone" }, { "direct mail", "mail" },
    { "webinar", "webinar" }, { "conference", "event" }, { "trade show", "event" },
    { "advertisement", "ads" }, { "banner ads", "ads" },
  };

  if (type == NULL)
    return "campaign";
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (g_ascii_strcasecmp (type, table[i].type) == 0)
      return table[i].channel;
  *owned = token (type);
  return **owned ? *owned : "campaign";
}

static const char *
campaign_name (Map        *m,
               const char *campaign_id)
{
  SfRecord *c = sf_store_lookup (m->store, campaign_id);

  if (c != NULL && c->object->kind == SF_CAMPAIGN && sf_get (c, CAMP_NAME))
    return sf_get (c, CAMP_NAME);
  return campaign_id;
}

static void
emit_activity (Map      *m,
               SfRecord *r,
               gboolean  is_task)
{
  guint who = is_task ? TASK_WHO_ID : EV_WHO_ID;
  guint what = is_task ? TASK_WHAT_ID : EV_WHAT_ID;
  guint account = is_task ? TASK_ACCOUNT_ID : EV_ACCOUNT_ID;
  const char *what_id = sf_get (r, what);
  SfKind what_kind = kind_of_ref (m, what_id);
  g_autofree char *owned = NULL;
  TsValue row[TS_MAX_ROW_FIELDS];
  guint32 key;
  TsTime at = TS_TIME_NULL;
  const char *kind = "sales";

  key = resolve_ref (m, sf_get (r, who), 0);
  if (key == TS_STR_NULL)
    key = resolve_ref (m, what_id, 0);
  if (key == TS_STR_NULL)
    key = resolve_ref (m, sf_get (r, account), 0);
  if (key == TS_STR_NULL)
    {
      drop (m, TS_DROP_NO_IDENTITY, r, who,
            _("no WhoId, WhatId or AccountId of a customer: not kept"));
      return;
    }

  if (is_task)
    {
      if (!get_time (m, r, TASK_COMPLETED_DATE_TIME, &at) &&
          !get_time (m, r, TASK_ACTIVITY_DATE, &at))
        get_time (m, r, F_CREATED_DATE, &at);
    }
  else
    {
      if (get_bool (m, r, EV_IS_ALL_DAY_EVENT) == 1)
        get_time (m, r, EV_ACTIVITY_DATE, &at);
      if (at == TS_TIME_NULL && !get_time (m, r, EV_START_DATE_TIME, &at) &&
          !get_time (m, r, EV_ACTIVITY_DATE_TIME, &at) && !get_time (m, r, EV_ACTIVITY_DATE, &at))
        get_time (m, r, F_CREATED_DATE, &at);
    }
  if (at == TS_TIME_NULL)
    {
      drop (m, TS_DROP_UNPARSEABLE, r, F_CREATED_DATE, _("no readable date: not kept"));
      return;
    }

  if (what_kind == SF_CASE)
    kind = "service";
  else if (what_kind == SF_CAMPAIGN ||
           (is_task && sf_get (r, TASK_SUBTYPE) &&
            g_ascii_strcasecmp (sf_get (r, TASK_SUBTYPE), "ListEmail") == 0))
    kind = "marketing";

  ts_dataset_builder_clear_row (TS_TABLE_TOUCHES, row);
  row[TS_TOUCH_CUSTOMER].str = key;
  row[TS_TOUCH_AT].time = at;
  row[TS_TOUCH_CHANNEL].str =
    intern (m, is_task
               ? activity_channel (sf_get (r, TASK_SUBTYPE), sf_get (r, TASK_TYPE),
                                   sf_get (r, TASK_CALL_TYPE), sf_get (r, TASK_SUBJECT),
                                   "task", &owned)
               : activity_channel (sf_get (r, EV_SUBTYPE), sf_get (r, EV_TYPE), NULL,
                                   sf_get (r, EV_SUBJECT), "meeting", &owned));
  if (what_kind == SF_CAMPAIGN)
    row[TS_TOUCH_CAMPAIGN].str = intern (m, campaign_name (m, what_id));
  row[TS_TOUCH_KIND].str = intern (m, kind);
  apply_mapped (m, r, TS_TABLE_TOUCHES, row);
  append (m, TS_TABLE_TOUCHES, row);
}

static guint32
email_address_customer (Map        *m,
                        const char *addresses)
{
  g_auto(GStrv) parts = NULL;

  if (addresses == NULL)
    return TS_STR_NULL;
  parts = g_strsplit_set (addresses, ";,", -1);
  for (guint i = 0; parts[i]; i++)
    {
      g_autofree char *lower = g_strstrip (g_ascii_strdown (parts[i], -1));
      SfRecord *contact;

      if (*lower == '\0')
        continue;
      contact = g_hash_table_lookup (m->contact_by_email, lower);
      return contact ? record_key (m, contact, 0) : intern (m, lower);
    }
  return TS_STR_NULL;
}

static void
emit_touches (Map *m)
{
  GPtrArray *tasks = records_of (m, SF_TASK);
  GPtrArray *events = records_of (m, SF_EVENT);
  GPtrArray *emails = records_of (m, SF_EMAIL_MESSAGE);
  GPtrArray *members = records_of (m, SF_CAMPAIGN_MEMBER);
  TsValue row[TS_MAX_ROW_FIELDS];

  for (guint i = 0; i < tasks->len; i++)
    emit_activity (m, tasks->pdata[i], TRUE);
  for (guint i = 0; i < events->len; i++)
    emit_activity (m, events->pdata[i], FALSE);

  for (guint i = 0; i < emails->len; i++)
    {
      SfRecord *r = emails->pdata[i];
      const char *parent = sf_get (r, EM_PARENT_ID);
      const char *activity = sf_get (r, EM_ACTIVITY_ID);
      SfRecord *task = sf_store_lookup (m->store, activity);
      const char *related = sf_get (r, EM_RELATED_TO_ID);
      SfKind related_kind = kind_of_ref (m, related);
      int incoming = get_bool (m, r, EM_INCOMING);
      guint32 key;
      TsTime at;

      if (parent != NULL && kind_of_ref (m, parent) == SF_CASE)
        continue;   /* a case's e-mail: its first response, not a touch */
      if (task != NULL && task->object->kind == SF_TASK)
        {
          drop (m, TS_DROP_DUPLICATE, r, EM_ACTIVITY_ID,
                _("the e-mail of a task of this source: counted once, as the task"));
          continue;
        }
      key = resolve_ref (m, related, 0);
      if (key == TS_STR_NULL)
        key = email_address_customer (m, sf_get (r, incoming == 1 ? EM_FROM_ADDRESS
                                                                  : EM_TO_ADDRESS));
      if (key == TS_STR_NULL)
        {
          drop (m, TS_DROP_NO_IDENTITY, r, EM_TO_ADDRESS,
                _("no RelatedToId or address of a customer: not kept"));
          continue;
        }
      if (!get_time (m, r, EM_MESSAGE_DATE, &at) && !get_time (m, r, F_CREATED_DATE, &at))
        {
          drop (m, TS_DROP_UNPARSEABLE, r, EM_MESSAGE_DATE, _("no readable date: not kept"));
          continue;
        }
      ts_dataset_builder_clear_row (TS_TABLE_TOUCHES, row);
      row[TS_TOUCH_CUSTOMER].str = key;
      row[TS_TOUCH_AT].time = at;
      row[TS_TOUCH_CHANNEL].str = intern (m, "email");
      if (related_kind == SF_CAMPAIGN)
        row[TS_TOUCH_CAMPAIGN].str = intern (m, campaign_name (m, related));
      row[TS_TOUCH_KIND].str = intern (m, related_kind == SF_CAMPAIGN ? "marketing" : "sales");
      append (m, TS_TABLE_TOUCHES, row);
    }

  for (guint i = 0; i < members->len; i++)
    {
      SfRecord *r = members->pdata[i];
      const char *campaign_id = sf_get (r, CM_CAMPAIGN_ID);
      SfRecord *campaign = sf_store_lookup (m->store, campaign_id);
      g_autofree char *owned = NULL;
      const char *type = sf_get (r, CM_CAMPAIGN_TYPE);
      const char *name = sf_get (r, CM_CAMPAIGN_NAME);
      guint32 key;
      TsTime at;

      if (campaign != NULL && campaign->object->kind == SF_CAMPAIGN)
        {
          type = sf_get (campaign, CAMP_TYPE) ? sf_get (campaign, CAMP_TYPE) : type;
          name = sf_get (campaign, CAMP_NAME) ? sf_get (campaign, CAMP_NAME) : name;
        }
      key = resolve_ref (m, sf_get (r, CM_CONTACT_ID), 0);
      if (key == TS_STR_NULL)
        key = resolve_ref (m, sf_get (r, CM_LEAD_ID), 0);
      if (key == TS_STR_NULL)
        key = resolve_ref (m, sf_get (r, CM_LEAD_OR_CONTACT_ID), 0);
      if (key == TS_STR_NULL)
        {
          drop (m, TS_DROP_NO_IDENTITY, r, CM_CONTACT_ID, _("no ContactId or LeadId: not kept"));
          continue;
        }
      if (!get_time (m, r, F_CREATED_DATE, &at))
        {
          drop (m, TS_DROP_UNPARSEABLE, r, F_CREATED_DATE, _("no readable CreatedDate: not kept"));
          continue;
        }
      ts_dataset_builder_clear_row (TS_TABLE_TOUCHES, row);
      row[TS_TOUCH_CUSTOMER].str = key;
      row[TS_TOUCH_AT].time = at;
      row[TS_TOUCH_CHANNEL].str = intern (m, campaign_channel (type, &owned));
      row[TS_TOUCH_CAMPAIGN].str = intern (m, name ? name : campaign_id);
      row[TS_TOUCH_KIND].str = intern (m, "marketing");
      append (m, TS_TABLE_TOUCHES, row);
    }
}

/* opportunities --------------------------------------------------------- */

static void
emit_opportunities (Map *m)
{
  GPtrArray *opps = records_of (m, SF_OPPORTUNITY);
  TsValue row[TS_MAX_ROW_FIELDS];

  for (guint i = 0; i < opps->len; i++)
    {
      SfRecord *r = opps->pdata[i];
      int outcome = opportunity_outcome (m, r);
      const char *stage = sf_get (r, OPP_STAGE_NAME);
      g_autofree char *name = NULL;
      g_autoptr(GString) props = g_string_new ("{");
      guint32 key;
      TsTime at = TS_TIME_NULL;

      key = record_key (m, r, 0);
      if (key == TS_STR_NULL)
        {
          drop (m, TS_DROP_NO_IDENTITY, r, OPP_ACCOUNT_ID,
                _("no ContactId, contact role or AccountId: not kept"));
          continue;
        }
      if (outcome >= 0)
        {
          name = g_strdup (outcome ? "opportunity_closed_won" : "opportunity_closed_lost");
          if (!get_time (m, r, OPP_CLOSE_DATE, &at) &&
              !get_time (m, r, OPP_LAST_MODIFIED_DATE, &at))
            get_time (m, r, F_CREATED_DATE, &at);
        }
      else
        {
          g_autofree char *t = token (stage ? stage : "open");
          name = g_strconcat ("opportunity_", t, NULL);
          if (!get_time (m, r, OPP_LAST_MODIFIED_DATE, &at) &&
              !get_time (m, r, F_CREATED_DATE, &at))
            get_time (m, r, OPP_CLOSE_DATE, &at);
        }
      if (at == TS_TIME_NULL)
        {
          drop (m, TS_DROP_UNPARSEABLE, r, OPP_CLOSE_DATE, _("no readable date: not kept"));
          continue;
        }

      if (sf_get (r, F_ID))
        {
          g_string_append (props, "\"opportunity_id\":");
          ts_json_text_append_string (props, sf_get (r, F_ID), -1);
        }
      if (stage)
        {
          g_string_append (props, props->len > 1 ? ",\"stage\":" : "\"stage\":");
          ts_json_text_append_string (props, stage, -1);
        }
      if (sf_get (r, OPP_TYPE))
        {
          g_string_append (props, props->len > 1 ? ",\"type\":" : "\"type\":");
          ts_json_text_append_string (props, sf_get (r, OPP_TYPE), -1);
        }
      g_string_append_c (props, '}');

      ts_dataset_builder_clear_row (TS_TABLE_EVENTS, row);
      row[TS_EVENT_CUSTOMER].str = key;
      row[TS_EVENT_AT].time = at;
      row[TS_EVENT_NAME].str = intern (m, name);
      get_number (m, r, OPP_AMOUNT, &row[TS_EVENT_VALUE].number);
      row[TS_EVENT_PROPERTIES].str = intern (m, props->str);
      append (m, TS_TABLE_EVENTS, row);
    }
}

/* responses ------------------------------------------------------------- */

static const char *
kind_from_text (const char *text)
{
  if (text == NULL)
    return NULL;
  if (contains_word (text, "nps") || contains_word (text, "promoter") ||
      contains_word (text, "recommend"))
    return "nps";
  if (contains_word (text, "csat") || contains_word (text, "satisf"))
    return "csat";
  if (contains_word (text, "ces") || contains_word (text, "effort"))
    return "ces";
  return NULL;
}

static guint32
respondent (Map      *m,
            SfRecord *invitation)
{
  guint32 key = TS_STR_NULL;

  if (invitation == NULL || invitation->object->kind != SF_SURVEY_INVITATION)
    return TS_STR_NULL;
  key = resolve_ref (m, sf_get (invitation, SI_CONTACT_ID), 0);
  if (key == TS_STR_NULL)
    key = resolve_ref (m, sf_get (invitation, SI_PARTICIPANT_ID), 0);
  return key;
}

static void
emit_survey_responses (Map *m)
{
  GPtrArray *answers = records_of (m, SF_SURVEY_QUESTION_RESPONSE);
  g_autoptr(GHashTable) comments = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree double *scores = g_new (double, MAX (answers->len, 1));
  TsValue row[TS_MAX_ROW_FIELDS];

  /* which answers are scores; the first text answer of each response is its comment */
  for (guint i = 0; i < answers->len; i++)
    {
      SfRecord *a = answers->pdata[i];
      const char *datatype = sf_get (a, SQR_DATATYPE);
      const char *value = sf_get (a, SQR_RESPONSE_VALUE);
      const char *response = sf_get (a, SQR_RESPONSE_ID);

      scores[i] = NAN;
      if (sf_get (a, SQR_NUMBER_VALUE))
        get_number (m, a, SQR_NUMBER_VALUE, &scores[i]);
      else if (value && (datatype == NULL || g_ascii_strcasecmp (datatype, "Int") == 0 ||
                         g_ascii_strcasecmp (datatype, "Number") == 0 ||
                         g_ascii_strcasecmp (datatype, "Double") == 0))
        {
          if (!parse_number_text (value, &scores[i]))
            scores[i] = NAN;
        }
      if (isnan (scores[i]) && response)
        {
          const char *text = sf_get (a, SQR_RESPONSE_SHORT_TEXT);

          if (text == NULL)
            text = value ? value : sf_get (a, SQR_CHOICE_VALUE);
          if (text && !g_hash_table_contains (comments, response))
            g_hash_table_insert (comments, (gpointer) response, (gpointer) text);
        }
    }

  for (guint i = 0; i < answers->len; i++)
    {
      SfRecord *a = answers->pdata[i];
      SfRecord *response = sf_store_lookup (m->store, sf_get (a, SQR_RESPONSE_ID));
      SfRecord *question = sf_store_lookup (m->store, sf_get (a, SQR_QUESTION_ID));
      const char *kind = NULL;
      guint32 key = TS_STR_NULL;
      TsTime at = TS_TIME_NULL;

      if (isnan (scores[i]))
        continue;   /* a text or choice answer: a comment, not a row */
      if (response && response->object->kind != SF_SURVEY_RESPONSE)
        response = NULL;

      if (response)
        {
          const char *submitter = sf_get (response, SR_SUBMITTER_ID);
          SfKind sk = kind_of_ref (m, submitter);
          if (sk == SF_CONTACT || sk == SF_LEAD)
            key = resolve_ref (m, submitter, 0);
          if (key == TS_STR_NULL)
            key = respondent (m, sf_store_lookup (m->store, sf_get (response, SR_INVITATION_ID)));
          if (!get_time (m, response, SR_COMPLETION_DATE_TIME, &at))
            get_time (m, response, F_CREATED_DATE, &at);
        }
      if (key == TS_STR_NULL)
        key = respondent (m, sf_store_lookup (m->store, sf_get (a, SQR_INVITATION_ID)));
      if (at == TS_TIME_NULL)
        get_time (m, a, F_CREATED_DATE, &at);

      if (key == TS_STR_NULL)
        {
          drop (m, TS_DROP_NO_IDENTITY, a, SQR_RESPONSE_ID,
                _("no contact or lead for its response or invitation: not kept"));
          continue;
        }
      if (at == TS_TIME_NULL)
        {
          drop (m, TS_DROP_UNPARSEABLE, a, F_CREATED_DATE, _("no readable date: not kept"));
          continue;
        }

      if (question && question->object->kind == SF_SURVEY_QUESTION)
        {
          kind = kind_from_text (sf_get (question, SQ_QUESTION_TYPE));
          if (kind == NULL)
            kind = kind_from_text (sf_get (question, SQ_NAME));
          if (kind == NULL)
            kind = kind_from_text (sf_get (question, SQ_DEVELOPER_NAME));
        }
      if (kind == NULL)
        kind = ts_mapping_get_constant (m->mapping, "kind");

      ts_dataset_builder_clear_row (TS_TABLE_RESPONSES, row);
      row[TS_RESPONSE_CUSTOMER].str = key;
      row[TS_RESPONSE_AT].time = at;
      row[TS_RESPONSE_KIND].str = intern (m, kind);
      row[TS_RESPONSE_SCORE].number = scores[i];
      if (sf_get (a, SQR_RESPONSE_ID))
        row[TS_RESPONSE_COMMENT].str =
          intern (m, g_hash_table_lookup (comments, sf_get (a, SQR_RESPONSE_ID)));
      append (m, TS_TABLE_RESPONSES, row);
    }
}

/* custom objects the mapping names ------------------------------------- */

static int
required_time_field (TsTable table)
{
  switch (table)
    {
    case TS_TABLE_EVENTS: return TS_EVENT_AT;
    case TS_TABLE_TOUCHES: return TS_TOUCH_AT;
    case TS_TABLE_RESPONSES: return TS_RESPONSE_AT;
    case TS_TABLE_CASES: return TS_CASE_OPENED_AT;
    case TS_TABLE_CUSTOMERS:
    case TS_TABLE_LISTS:
    case TS_N_TABLES:
    case TS_TABLE_NONE:
    default: return -1;
    }
}

static void
emit_custom (Map      *m,
             SfObject *object)
{
  TsTable table = ts_mapping_get_table (m->mapping);
  int time_field;
  TsValue base[TS_MAX_ROW_FIELDS];
  TsValue row[TS_MAX_ROW_FIELDS];
  const char *kind_guess = NULL;

  if (table == TS_TABLE_NONE)
    table = TS_TABLE_RESPONSES;
  time_field = required_time_field (table);

  /* the mapping's constants, in every row */
  ts_dataset_builder_clear_row (table, base);
  for (guint f = 0; f < ts_table_get_n_fields (table); f++)
    {
      const char *name = ts_table_get_field (table, f)->name;
      const char *constant = ts_mapping_get_constant (m->mapping, name);
      if (constant)
        set_typed (m, table, f, constant, TS_TIME_FORMAT_UNKNOWN, NULL, 0, base);
    }
  if (table == TS_TABLE_RESPONSES && base[TS_RESPONSE_KIND].str == TS_STR_NULL)
    for (guint i = 0; i < m->n_mapped && kind_guess == NULL; i++)
      if (g_str_equal (m->mapped[i].field, "score"))
        kind_guess = kind_from_text (m->mapped[i].column);
  if (kind_guess)
    base[TS_RESPONSE_KIND].str = intern (m, kind_guess);

  for (guint r = 0; r < object->records->len; r++)
    {
      SfRecord *rec = object->records->pdata[r];
      guint customer_slot = G_MAXUINT;

      memcpy (row, base, sizeof row);
      for (guint i = 0; i < m->n_mapped; i++)
        {
          int f = ts_table_find_field (table, m->mapped[i].field);
          int slot = sf_object_find_slot (object, m->mapped[i].column);
          const char *value;
          char id[19];
          gboolean is_null;

          if (f < 0 || slot < 0 || (value = sf_get (rec, slot)) == NULL)
            continue;
          if (f != 0)
            {
              set_typed (m, table, f, value, m->mapped[i].format, rec, slot, row);
              continue;
            }
          /* the customer: an Id is resolved like any lookup; an e-mail or external id is the key */
          customer_slot = slot;
          if (sf_id_normalize (value, strlen (value), id, &is_null))
            row[0].str = is_null ? TS_STR_NULL : resolve_ref (m, id, 0);
          else if (strchr (value, '@') && m->mode == IDENTITY_EMAIL)
            row[0].str = intern_email (m, value);
          else
            row[0].str = intern (m, value);
        }

      if (row[0].str == TS_STR_NULL)
        {
          drop (m, TS_DROP_NO_IDENTITY, rec, customer_slot, _("no customer: not kept"));
          continue;
        }
      if (time_field >= 0 && row[time_field].time == TS_TIME_NULL)
        {
          drop (m, TS_DROP_UNPARSEABLE, rec, F_CREATED_DATE, _("no readable time: not kept"));
          continue;
        }
      append (m, table, row);
    }
}

/* ---------------------------------------------------------------------- */
/* import                                                                 */

static void
collect_mapped (Map        *m,
                GPtrArray  *columns)
{
  g_autoptr(JsonNode) root = ts_mapping_to_json (m->mapping);
  JsonObject *o = root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  g_autoptr(GList) members = NULL;

  if (o == NULL || !json_object_has_member (o, "columns") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (o, "columns")))
    return;
  members = json_object_get_members (json_object_get_object_member (o, "columns"));
  for (GList *l = members; l && m->n_mapped < MAX_MAPPED; l = l->next)
    {
      const char *field = NULL;
      TsTimeFormat format = TS_TIME_FORMAT_UNKNOWN;
      GTimeZone *zone = NULL;

      if (!ts_mapping_lookup_column (m->mapping, l->data, &field, &format, &zone) || field == NULL)
        {
          g_clear_pointer (&zone, g_time_zone_unref);
          continue;
        }
      g_clear_pointer (&zone, g_time_zone_unref);
      g_ptr_array_add (columns, g_strdup (l->data));
      m->mapped[m->n_mapped].column = g_intern_string (l->data);
      m->mapped[m->n_mapped].field = g_intern_string (field);
      m->mapped[m->n_mapped].format = format;
      m->n_mapped++;
    }
}

static int
compare_objects (gconstpointer a,
                 gconstpointer b)
{
  const SfObject *x = *(SfObject *const *) a;
  const SfObject *y = *(SfObject *const *) b;
  return g_ascii_strcasecmp (x->name, y->name);
}

static void
describe (Map *m)
{
  Import *im = m->im;
  g_autoptr(GPtrArray) objects = g_ptr_array_copy (sf_store_get_objects (m->store), NULL, NULL);
  g_autoptr(GString) s = g_string_new (NULL);
  guint64 duplicates = 0;

  g_ptr_array_sort (objects, compare_objects);
  for (guint i = 0; i < objects->len; i++)
    {
      SfObject *o = objects->pdata[i];
      g_string_append_printf (s, "%s%s %" G_GUINT64_FORMAT, s->len ? ", " : "", o->name, o->n_read);
      duplicates += o->n_duplicates;
      if (o->n_multi_values > 0)
        {
          g_autofree char *n =
            g_strdup_printf (_("%s: %" PRIu64 " multi-select values; "
                               "the first value of each is kept"),
                             o->name, o->n_multi_values);
          ts_source_info_add_note (m->info, n);
        }
    }
  ts_source_info_set_detail (m->info, "format", im->format);
  ts_source_info_set_detail (m->info, "objects", s->len ? s->str : _("none"));
  ts_source_info_set_detail (m->info, "identity",
                             m->mode == IDENTITY_ID ? "id"
                             : m->mode == IDENTITY_EMAIL ? "email" : m->identity_field);

  if (g_hash_table_size (im->unused) > 0)
    {
      g_autoptr(GString) u = g_string_new (NULL);
      g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (im->unused),
                                           (GCompareFunc) g_strcmp0);
      g_autofree char *n = NULL;

      for (GList *l = keys; l; l = l->next)
        g_string_append_printf (u, "%s%s %" G_GSIZE_FORMAT, u->len ? ", " : "", (char *) l->data,
                                GPOINTER_TO_SIZE (g_hash_table_lookup (im->unused, l->data)));
      n = g_strdup_printf (_("objects with no table here, not used: %s"), u->str);
      ts_source_info_add_note (m->info, n);
    }
  if (im->not_read->len > 0)
    {
      g_autoptr(GString) u = g_string_new (NULL);
      g_autofree char *n = NULL;

      for (guint i = 0; i < im->not_read->len && i < 20; i++)
        {
          g_autofree char *base = g_path_get_basename (im->not_read->pdata[i]);
          g_string_append_printf (u, "%s%s", u->len ? ", " : "", base);
        }
      if (im->not_read->len > 20)
        g_string_append_printf (u, _(" and %u more"), im->not_read->len - 20);
      n = g_strdup_printf (_("files not read (no Salesforce object this plugin maps): %s"), u->str);
      ts_source_info_add_note (m->info, n);
    }
  if (im->n_other_files > 0)
    {
      g_autofree char *n =
        g_strdup_printf (_("%" PRIu64 " other files (attachments, documents) not read"),
                         im->n_other_files);
      ts_source_info_add_note (m->info, n);
    }
  if (m->n_fallback > 0)
    {
      g_autofree char *n =
        g_strdup_printf (_("%" PRIu64 " contacts have no %s: they are identified by their Id"),
                         m->n_fallback, m->mode == IDENTITY_EMAIL ? "Email" : m->identity_field);
      ts_source_info_add_note (m->info, n);
    }
  if (m->n_recycled > 0)
    {
      g_autofree char *n =
        g_strdup_printf (_("%" PRIu64 " records are in the recycle bin (IsDeleted): kept"),
                         m->n_recycled);
      ts_source_info_add_note (m->info, n);
    }

  /* what became what */
  {
    static const struct { const char *column; TsTable table; const char *field; } used[] = {
      { "Contact.Id", TS_TABLE_CUSTOMERS, "customer_id" },
      { "Contact.Email", TS_TABLE_CUSTOMERS, "email" },
      { "Contact.AccountId", TS_TABLE_CUSTOMERS, "account_id" },
      { "Account.Type", TS_TABLE_CUSTOMERS, "stage" },
      { "Account.Industry", TS_TABLE_CUSTOMERS, "segment" },
      { "Opportunity.Amount (won)", TS_TABLE_CUSTOMERS, "value" },
      { "Case.Id", TS_TABLE_CASES, "case_id" },
      { "Case.CreatedDate", TS_TABLE_CASES, "opened_at" },
      { "Case.ClosedDate", TS_TABLE_CASES, "closed_at" },
      { "CaseComment/EmailMessage/CaseHistory", TS_TABLE_CASES, "first_response_at" },
      { "Task/Event/EmailMessage/CampaignMember", TS_TABLE_TOUCHES, "at" },
      { "SurveyQuestionResponse.NumberValue", TS_TABLE_RESPONSES, "score" },
      { "Opportunity.StageName", TS_TABLE_EVENTS, "name" },
    };
    for (guint i = 0; i < G_N_ELEMENTS (used); i++)
      if (m->rows[used[i].table] > 0)
        ts_source_info_set_column (m->info, used[i].column, used[i].table, used[i].field,
                                   i == 0 ? ts_source_info_get_detail (m->info, "identity") : NULL);
  }

  for (guint t = 0; t < TS_N_TABLES; t++)
    if (m->rows[t] > 0)
      {
        ts_source_info_add_table (m->info, (TsTable) t);
        ts_source_info_add_rows (m->info, (TsTable) t, m->rows[t]);
      }
  ts_source_info_add_records (m->info, sf_store_get_n_records (m->store) + im->n_unparseable);
  m->dropped[TS_DROP_DUPLICATE] += duplicates;
  m->dropped[TS_DROP_UNPARSEABLE] += im->n_unparseable;
  for (guint r = 0; r < TS_N_DROP_REASONS; r++)
    if (m->dropped[r] > 0)
      ts_source_info_add_dropped (m->info, (TsDropReason) r, m->dropped[r]);
}

static void
flush_notes (Map *m)
{
  GPtrArray *notes = sf_store_get_notes (m->store);

  for (guint i = 0; i < notes->len; i++)
    {
      SfNote *n = notes->pdata[i];
      ts_dataset_builder_add_problem (m->builder, n->path, n->line, n->column, "%s", n->message);
    }
  for (guint k = 0; k < SF_N_NOTE_KINDS; k++)
    {
      guint64 count = sf_store_get_n_notes (m->store, (SfNoteKind) k);
      if (count > 20)
        ts_dataset_builder_add_problem (m->builder, m->im->path, 0, 0,
                                        _("%" PRIu64 " %s in all "
                                          "(only the first 20 are listed)"),
                                        count, sf_note_kind_describe ((SfNoteKind) k));
    }
}

static gboolean
tsp_salesforce_source_import (TsSource         *source,
                              GFile            *file,
                              TsMapping        *mapping,
                              TsDatasetBuilder *builder,
                              TsImportJob      *job,
                              GCancellable     *cancellable,
                              GError          **error)
{
  g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) mapped_columns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TsMapping) own_mapping = NULL;
  Import im = { 0, };
  Map m = { 0, };
  const char *identity;
  gboolean ok = FALSE;

  im.path = g_file_get_path (file);
  if (im.path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_set_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_FAILED,
                   _("%s: only local files can be read"), uri);
      return FALSE;
    }
  if (mapping == NULL)
    mapping = own_mapping = ts_mapping_new ();

  /* the identity key, and the columns the mapping names */
  m.im = &im;
  m.mapping = mapping;
  m.builder = builder;
  identity = ts_mapping_get_identity (mapping);
  if (identity == NULL || g_ascii_strcasecmp (identity, "id") == 0)
    m.mode = IDENTITY_ID;
  else if (g_ascii_strcasecmp (identity, "email") == 0)
    m.mode = IDENTITY_EMAIL;
  else
    {
      m.mode = IDENTITY_FIELD;
      m.identity_field = identity;
      g_ptr_array_add (extra, g_strdup (identity));
    }
  collect_mapped (&m, mapped_columns);
  for (guint i = 0; i < mapped_columns->len; i++)
    g_ptr_array_add (extra, g_strdup (mapped_columns->pdata[i]));
  g_ptr_array_add (extra, NULL);
  g_ptr_array_add (mapped_columns, NULL);

  im.mapping = mapping;
  im.job = job;
  im.cancellable = cancellable;
  im.csv_options.delimiter = ts_mapping_get_delimiter (mapping);
  im.csv_options.encoding = ts_mapping_get_encoding (mapping);
  im.store = sf_store_new ((const char *const *) extra->pdata);
  im.unused = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  im.not_read = g_ptr_array_new_with_free_func (g_free);
  im.read.store = im.store;
  im.read.mapping = mapping;
  im.read.mapped_columns = (const char *const *) mapped_columns->pdata;
  im.read.unused = im.unused;
  im.read.cancellable = cancellable;

  /* read everything */
  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
    {
      im.format = "Data Export (folder)";
      if (!read_dir (&im, error))
        goto out;
    }
  else if (ts_archive_path_is_archive (im.path))
    {
      im.format = "Data Export (zip)";
      if (!read_zip (&im, im.path, 0.0, 0.9, error))
        goto out;
    }
  else
    {
      g_autoptr(GBytes) head = read_head (file, 4096, cancellable);

      if (head != NULL && head_is_json (head))
        {
          g_autoptr(GMappedFile) mapped = g_mapped_file_new (im.path, FALSE, error);
          g_autoptr(GBytes) bytes = NULL;

          im.format = "REST / Bulk API JSON";
          if (mapped == NULL)
            goto out;
          bytes = g_mapped_file_get_bytes (mapped);
          if (!read_member (&im, im.path, bytes, MEMBER_JSON, TRUE, error))
            goto out;
        }
      else
        {
          g_autoptr(TsCsvReader) reader = NULL;

          reader = ts_csv_reader_new_for_path (im.path, &im.csv_options, error);

          im.format = "Data Loader / Bulk API CSV";
          if (reader == NULL || !read_csv_reader (&im, reader, im.path, TRUE, error))
            goto out;
          if (ts_csv_reader_get_has_bom (reader))
            g_debug ("%s: byte order mark removed", im.path);
        }
    }

  if (sf_store_get_objects (im.store)->len == 0 && g_hash_table_size (im.unused) == 0 &&
      sf_store_get_n_records (im.store) == 0)
    {
      g_set_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_UNKNOWN_TABLE,
                   _("%s: no Salesforce objects found (expected files such as Account.csv, "
                     "Contact.csv, Case.csv, or records with “attributes”)"), im.path);
      goto out;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  /* records to rows */
  m.store = im.store;
  m.info = ts_dataset_builder_add_source (builder, im.path, "salesforce");
  m.key_of = g_hash_table_new (NULL, NULL);
  m.contact_by_email = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m.primary_of_account = g_hash_table_new (g_str_hash, g_str_equal);
  m.primary_of_opp = g_hash_table_new (g_str_hash, g_str_equal);
  m.facts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  m.closed_statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  ts_import_job_update (job, 0.9, NULL);
  prepare_people (&m);
  prepare_accounts (&m);
  emit_customers (&m);
  emit_cases (&m);
  emit_touches (&m);
  emit_opportunities (&m);
  emit_survey_responses (&m);
  for (guint i = 0; i < sf_store_get_objects (im.store)->len; i++)
    {
      SfObject *o = sf_store_get_objects (im.store)->pdata[i];
      if (o->kind == SF_CUSTOM)
        emit_custom (&m, o);
    }

  describe (&m);
  flush_notes (&m);
  ts_import_job_update (job, 1.0, NULL);
  ok = TRUE;

  g_hash_table_unref (m.key_of);
  g_hash_table_unref (m.contact_by_email);
  g_hash_table_unref (m.primary_of_account);
  g_hash_table_unref (m.primary_of_opp);
  g_hash_table_unref (m.facts);
  g_hash_table_unref (m.closed_statuses);

out:
  sf_store_free (im.store);
  g_hash_table_unref (im.unused);
  g_ptr_array_unref (im.not_read);
  g_free (im.path);
  return ok;
}

/* ---------------------------------------------------------------------- */
/* preview                                                                */

static GPtrArray *
preview_archive (const char  *path,
                 guint        max_records,
                 GError     **error)
{
  g_autoptr(TsArchive) archive = ts_archive_open (path, NULL, error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  char **header;

  if (archive == NULL)
    return NULL;
  header = g_new0 (char *, 3);
  header[0] = g_strdup ("entry");
  header[1] = g_strdup ("object");
  g_ptr_array_add (rows, header);
  while (max_records == 0 || rows->len <= max_records)
    {
      const char *name;
      g_autofree char *base = NULL;
      char **row;
      SfKind kind;

      if (!ts_archive_next_entry (archive, &name, error))
        {
          if (error && *error)
            return NULL;
          break;
        }
      base = g_path_get_basename (name);
      kind = sf_kind_from_file_name (base);
      row = g_new0 (char *, 3);
      row[0] = g_strdup (name);
      row[1] = g_strdup (kind >= 0 && kind < SF_N_KINDS ? sf_kind_get_name (kind)
                         : kind == SF_CUSTOM ? "custom" : "");
      g_ptr_array_add (rows, row);
    }
  return g_steal_pointer (&rows);
}

static GPtrArray *
tsp_salesforce_source_preview (TsSource      *source,
                               GFile         *file,
                               TsMapping     *mapping,
                               guint          max_records,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GBytes) head = NULL;

  if (path == NULL)
    {
      g_set_error (error, TS_SOURCE_ERROR, TS_SOURCE_ERROR_FAILED,
                   _("only local files can be read"));
      return NULL;
    }
  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
    {
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
      GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      char **header = g_new0 (char *, 3);

      header[0] = g_strdup ("file");
      header[1] = g_strdup ("object");
      g_ptr_array_add (rows, header);
      collect_dir (path, FALSE, files, NULL);
      for (guint i = 0; i < files->len && (max_records == 0 || i < max_records); i++)
        {
          g_autofree char *base = g_path_get_basename (files->pdata[i]);
          SfKind kind = sf_kind_from_file_name (base);
          char **row = g_new0 (char *, 3);
          row[0] = g_strdup (files->pdata[i]);
          row[1] = g_strdup (kind >= 0 && kind < SF_N_KINDS ? sf_kind_get_name (kind) : "");
          g_ptr_array_add (rows, row);
        }
      return rows;
    }
  if (ts_archive_path_is_archive (path))
    return preview_archive (path, max_records, error);

  head = read_head (file, 4096, cancellable);
  if (head != NULL && head_is_json (head))
    {
      /* the JSON as stored: the first records' top-level values */
      g_autoptr(JsonParser) parser = json_parser_new ();
      GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      JsonNode *root;
      JsonArray *records = NULL;

      if (!ts_json_parser_load_file (parser, path, error))
        {
          g_ptr_array_unref (rows);
          return NULL;
        }
      root = json_parser_get_root (parser);
      if (JSON_NODE_HOLDS_OBJECT (root) &&
          json_object_has_member (json_node_get_object (root), "records"))
        records = json_object_get_array_member (json_node_get_object (root), "records");
      else if (JSON_NODE_HOLDS_ARRAY (root))
        records = json_node_get_array (root);
      for (guint i = 0; records && i < json_array_get_length (records) &&
                        (max_records == 0 || i < max_records); i++)
        {
          JsonNode *r = json_array_get_element (records, i);
          g_autoptr(GList) members = NULL;
          GPtrArray *row = g_ptr_array_new ();

          if (!JSON_NODE_HOLDS_OBJECT (r))
            {
              g_ptr_array_unref (row);
              continue;
            }
          members = json_object_get_members (json_node_get_object (r));
          if (rows->len == 0)
            {
              GPtrArray *header = g_ptr_array_new ();
              g_ptr_array_add (header, g_strdup ("attributes.type"));
              for (GList *l = members; l; l = l->next)
                if (!g_str_equal (l->data, "attributes"))
                  g_ptr_array_add (header, g_strdup (l->data));
              g_ptr_array_add (header, NULL);
              g_ptr_array_add (rows, g_ptr_array_free (header, FALSE));
            }
          {
            JsonObject *ro = json_node_get_object (r);
            JsonNode *attributes = json_object_get_member (ro, "attributes");
            const char *type = "";

            if (attributes && JSON_NODE_HOLDS_OBJECT (attributes))
              type = json_object_get_string_member_with_default (json_node_get_object (attributes),
                                                                 "type", "");
            g_ptr_array_add (row, g_strdup (type));
          }
          for (GList *l = members; l; l = l->next)
            {
              JsonNode *v = json_object_get_member (json_node_get_object (r), l->data);
              char *text;

              if (g_str_equal (l->data, "attributes"))
                continue;
              text = JSON_NODE_HOLDS_VALUE (v) ? sf_json_value_to_string (v) : NULL;
              g_ptr_array_add (row, text ? text : g_strdup (""));
            }
          g_ptr_array_add (row, NULL);
          g_ptr_array_add (rows, g_ptr_array_free (row, FALSE));
        }
      return rows;
    }
  else
    {
      TsCsvOptions options = { 0, };
      g_autoptr(TsCsvReader) reader = NULL;

      options.delimiter = ts_mapping_get_delimiter (mapping);
      options.encoding = ts_mapping_get_encoding (mapping);
      reader = ts_csv_reader_new_for_path (path, &options, error);
      if (reader == NULL)
        return NULL;
      return ts_csv_reader_read_records (reader, max_records, error);
    }
}

static void
ts_source_iface_init (TsSourceInterface *iface)
{
  iface->get_id = tsp_salesforce_source_get_id;
  iface->get_name = tsp_salesforce_source_get_name;
  iface->get_patterns = tsp_salesforce_source_get_patterns;
  iface->probe = tsp_salesforce_source_probe;
  iface->import = tsp_salesforce_source_import;
  iface->preview = tsp_salesforce_source_preview;
}
