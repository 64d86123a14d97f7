/* tsp-sf-store.c — the Salesforce records of one source, by object, before mapping
 *
 * A source (one CSV, one JSON file, a Data Export zip or its folder) is read
 * whole into this store before any row is made, because rows need other
 * objects: a case needs its contact for the customer and its comments for
 * the first response.  Only the fields the mapping uses are kept (plus the
 * identity field and the columns a mapping names), each value once in a
 * string chunk, so an export costs a fraction of its size.
 *
 * Field names match case-insensitively (Data Loader wrote ALL CAPS headers
 * up to v60).  Id fields are normalised to 18 characters on the way in, the
 * empty lookup 000000000000000AAA is null, and a record whose Id was already
 * seen in this source is counted as a duplicate, the first one kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsp-salesforce"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "tsp-sf-store.h"

#define MAX_NOTES_PER_KIND 20
#define BLOCK_SIZE (256 * 1024)

typedef struct
{
  const char *name;
  guint8      flags;
} FieldSpec;

#define ID SF_FIELD_ID
#define PICK SF_FIELD_PICKLIST
#define COMMON { "Id", ID }, { "IsDeleted", 0 }, { "CreatedDate", 0 }

static const FieldSpec account_fields[] = {
  COMMON, { "Name", 0 }, { "Type", PICK }, { "Industry", PICK }, { "AnnualRevenue", 0 },
  { "IsPersonAccount", 0 }, { "PersonEmail", 0 }, { "MasterRecordId", ID }, { "FirstName", 0 },
  { "LastName", 0 },
};
static const FieldSpec contact_fields[] = {
  COMMON, { "AccountId", ID }, { "Email", 0 }, { "Name", 0 }, { "FirstName", 0 }, { "LastName", 0 },
  { "MasterRecordId", ID }, { "HasOptedOutOfEmail", 0 }, { "DoNotCall", 0 },
};
static const FieldSpec lead_fields[] = {
  COMMON, { "Email", 0 }, { "IsConverted", 0 }, { "ConvertedContactId", ID },
};
static const FieldSpec case_fields[] = {
  COMMON, { "ContactId", ID }, { "AccountId", ID }, { "SuppliedEmail", 0 }, { "Status", PICK },
  { "Priority", PICK }, { "Origin", PICK }, { "Reason", PICK }, { "Type", PICK },
  { "IsEscalated", 0 }, { "IsClosed", 0 }, { "ClosedDate", 0 },
};
static const FieldSpec case_comment_fields[] = {
  COMMON, { "ParentId", ID }, { "IsPublished", 0 },
};
static const FieldSpec case_history_fields[] = {
  COMMON, { "CaseId", ID }, { "Field", 0 }, { "OldValue", 0 }, { "NewValue", 0 },
};
static const FieldSpec email_message_fields[] = {
  COMMON, { "ParentId", ID }, { "Incoming", 0 }, { "MessageDate", 0 }, { "FromAddress", 0 },
  { "ToAddress", 0 }, { "ActivityId", ID }, { "RelatedToId", ID },
};
static const FieldSpec task_fields[] = {
  COMMON, { "WhoId", ID }, { "WhatId", ID }, { "AccountId", ID }, { "Type", PICK },
  { "TaskSubtype", PICK }, { "ActivityDate", 0 }, { "CompletedDateTime", 0 },
  { "CallType", PICK }, { "Subject", 0 },
};
static const FieldSpec event_fields[] = {
  COMMON, { "WhoId", ID }, { "WhatId", ID }, { "AccountId", ID }, { "Type", PICK },
  { "EventSubtype", PICK }, { "ActivityDate", 0 }, { "ActivityDateTime", 0 },
  { "StartDateTime", 0 }, { "IsAllDayEvent", 0 }, { "Subject", 0 },
};
static const FieldSpec campaign_fields[] = {
  COMMON, { "Name", 0 }, { "Type", PICK },
};
static const FieldSpec campaign_member_fields[] = {
  COMMON, { "CampaignId", ID }, { "ContactId", ID }, { "LeadId", ID }, { "LeadOrContactId", ID },
  { "Campaign.Name", 0 }, { "Campaign.Type", PICK },
};
static const FieldSpec opportunity_fields[] = {
  COMMON, { "AccountId", ID }, { "ContactId", ID }, { "Name", 0 }, { "StageName", PICK },
  { "Amount", 0 }, { "CloseDate", 0 }, { "IsClosed", 0 }, { "IsWon", 0 }, { "Type", PICK },
  { "LastModifiedDate", 0 },
};
static const FieldSpec opportunity_contact_role_fields[] = {
  COMMON, { "OpportunityId", ID }, { "ContactId", ID }, { "IsPrimary", 0 },
};
static const FieldSpec contract_fields[] = {
  COMMON, { "AccountId", ID }, { "EndDate", 0 }, { "Status", PICK },
};
static const FieldSpec survey_invitation_fields[] = {
  COMMON, { "ContactId", ID }, { "ParticipantId", ID },
};
static const FieldSpec survey_response_fields[] = {
  COMMON, { "InvitationId", ID }, { "SubmitterId", ID }, { "CompletionDateTime", 0 },
};
static const FieldSpec survey_question_fields[] = {
  COMMON, { "QuestionType", PICK }, { "Name", 0 }, { "DeveloperName", 0 },
};
static const FieldSpec survey_question_response_fields[] = {
  COMMON, { "ResponseId", ID }, { "QuestionId", ID }, { "InvitationId", ID }, { "Datatype", PICK },
  { "NumberValue", 0 }, { "ResponseValue", 0 }, { "ResponseShortText", 0 }, { "ChoiceValue", 0 },
};
static const FieldSpec custom_fields[] = {
  COMMON,
};

typedef struct
{
  const char      *name;
  const char      *prefix;   /* key prefix of its Ids, or NULL */
  const FieldSpec *fields;
  guint            n_fields;
} KindInfo;

#define KIND(name, prefix, fields, n) { name, prefix, fields, G_N_ELEMENTS (fields) }
static const KindInfo kinds[SF_N_KINDS] = {
  KIND ("Account", "001", account_fields, ACC_N),
  KIND ("Contact", "003", contact_fields, CON_N),
  KIND ("Lead", "00Q", lead_fields, LEAD_N),
  KIND ("Case", "500", case_fields, CASE_N),
  KIND ("CaseComment", "00a", case_comment_fields, CC_N),
  KIND ("CaseHistory", NULL, case_history_fields, CH_N),   /* 017 is every history object */
  KIND ("EmailMessage", "02s", email_message_fields, EM_N),
  KIND ("Task", "00T", task_fields, TASK_N),
  KIND ("Event", "00U", event_fields, EV_N),
  KIND ("Campaign", "701", campaign_fields, CAMP_N),
  KIND ("CampaignMember", "00v", campaign_member_fields, CM_N),
  KIND ("Opportunity", "006", opportunity_fields, OPP_N),
  KIND ("OpportunityContactRole", "00K", opportunity_contact_role_fields, OCR_N),
  KIND ("Contract", "800", contract_fields, CTR_N),
  KIND ("SurveyInvitation", NULL, survey_invitation_fields, SI_N),
  KIND ("SurveyResponse", NULL, survey_response_fields, SR_N),
  KIND ("SurveyQuestion", NULL, survey_question_fields, SQ_N),
  KIND ("SurveyQuestionResponse", NULL, survey_question_response_fields, SQR_N),
};

/* the slot enums and the field tables must agree */
G_STATIC_ASSERT (G_N_ELEMENTS (account_fields) == ACC_N);
G_STATIC_ASSERT (G_N_ELEMENTS (contact_fields) == CON_N);
G_STATIC_ASSERT (G_N_ELEMENTS (lead_fields) == LEAD_N);
G_STATIC_ASSERT (G_N_ELEMENTS (case_fields) == CASE_N);
G_STATIC_ASSERT (G_N_ELEMENTS (case_comment_fields) == CC_N);
G_STATIC_ASSERT (G_N_ELEMENTS (case_history_fields) == CH_N);
G_STATIC_ASSERT (G_N_ELEMENTS (email_message_fields) == EM_N);
G_STATIC_ASSERT (G_N_ELEMENTS (task_fields) == TASK_N);
G_STATIC_ASSERT (G_N_ELEMENTS (event_fields) == EV_N);
G_STATIC_ASSERT (G_N_ELEMENTS (campaign_fields) == CAMP_N);
G_STATIC_ASSERT (G_N_ELEMENTS (campaign_member_fields) == CM_N);
G_STATIC_ASSERT (G_N_ELEMENTS (opportunity_fields) == OPP_N);
G_STATIC_ASSERT (G_N_ELEMENTS (opportunity_contact_role_fields) == OCR_N);
G_STATIC_ASSERT (G_N_ELEMENTS (contract_fields) == CTR_N);
G_STATIC_ASSERT (G_N_ELEMENTS (survey_invitation_fields) == SI_N);
G_STATIC_ASSERT (G_N_ELEMENTS (survey_response_fields) == SR_N);
G_STATIC_ASSERT (G_N_ELEMENTS (survey_question_fields) == SQ_N);
G_STATIC_ASSERT (G_N_ELEMENTS (survey_question_response_fields) == SQR_N);

struct _SfStore
{
  GPtrArray    *objects;               /* SfObject *, in the order first seen */
  SfObject     *known[SF_N_KINDS];
  GPtrArray    *files;                 /* SfFile * */
  GStringChunk *chunk;
  GHashTable   *by_id;                 /* normalised Id → SfRecord * */
  GPtrArray    *blocks;
  gsize         block_used;
  char        **extra_fields;
  GPtrArray    *notes;
  guint64       note_counts[SF_N_NOTE_KINDS];
  guint64       n_records;
};

/* ---------------------------------------------------------------------- */
/* object kinds                                                           */

const char *
sf_kind_get_name (SfKind kind)
{
  if (kind >= 0 && kind < SF_N_KINDS)
    return kinds[kind].name;
  return NULL;
}

SfKind
sf_kind_from_name (const char *name,
                   gssize      len)
{
  if (len < 0)
    len = strlen (name);
  for (guint k = 0; k < SF_N_KINDS; k++)
    if (strlen (kinds[k].name) == (gsize) len &&
        g_ascii_strncasecmp (kinds[k].name, name, len) == 0)
      return (SfKind) k;
  return SF_UNKNOWN;
}

/**
 * sf_kind_from_file_name:
 * @base: a file name without folders
 *
 * `Case.csv` (Data Export), `CASE.CSV`, `extract_Case_2023.csv`,
 * `bulk-CaseComment.csv`; `Nps_Response__c.csv` is a custom object.
 */
SfKind
sf_kind_from_file_name (const char *base)
{
  g_autofree char *stem = g_strdup (base);
  char *dot = strrchr (stem, '.');
  g_auto(GStrv) tokens = NULL;
  SfKind kind;

  if (dot && dot != stem)
    *dot = '\0';
  kind = sf_kind_from_name (stem, -1);
  if (kind != SF_UNKNOWN)
    return kind;
  if (g_str_has_suffix (stem, "__c") || g_str_has_suffix (stem, "__C"))
    return SF_CUSTOM;

  /* a known name among the words of the name; the longest wins (CaseComment over Case) */
  tokens = g_regex_split_simple ("[^A-Za-z0-9]+", stem, 0, 0);
  for (guint i = 0; tokens[i]; i++)
    {
      SfKind k = sf_kind_from_name (tokens[i], -1);
      if (k != SF_UNKNOWN &&
          (kind == SF_UNKNOWN || strlen (kinds[k].name) > strlen (kinds[kind].name)))
        kind = k;
    }
  return kind;
}

SfKind
sf_kind_from_id_prefix (const char *id)
{
  if (id == NULL || strlen (id) < 15)
    return SF_UNKNOWN;
  for (guint k = 0; k < SF_N_KINDS; k++)
    if (kinds[k].prefix && strncmp (id, kinds[k].prefix, 3) == 0)
      return (SfKind) k;
  return SF_UNKNOWN;
}

static gboolean
has (const char *const *names,
     guint              n,
     const char        *name)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (names[i], name) == 0)
      return TRUE;
  return FALSE;
}

/**
 * sf_kind_from_header:
 * @lower_names: the header, lower case
 *
 * The object a header belongs to, from the fields only it has.
 */
SfKind
sf_kind_from_header (const char *const *lower_names,
                     guint              n)
{
#define H(x) has (lower_names, n, x)
  if (H ("responseid") && H ("questionid"))
    return SF_SURVEY_QUESTION_RESPONSE;
  if (H ("surveyid") && (H ("completiondatetime") || H ("submitterid")))
    return SF_SURVEY_RESPONSE;
  if (H ("surveyid") && (H ("invitationlink") || H ("participantid")))
    return SF_SURVEY_INVITATION;
  if (H ("questiontype"))
    return SF_SURVEY_QUESTION;
  if (H ("casenumber"))
    return SF_CASE;
  if (H ("commentbody"))
    return SF_CASE_COMMENT;
  if (H ("caseid") && H ("field") && (H ("oldvalue") || H ("newvalue")))
    return SF_CASE_HISTORY;
  if (H ("stagename"))
    return SF_OPPORTUNITY;
  if (H ("opportunityid") && H ("contactid") && H ("role"))
    return SF_OPPORTUNITY_CONTACT_ROLE;
  if (H ("tasksubtype") || H ("calldurationinseconds"))
    return SF_TASK;
  if (H ("eventsubtype") || H ("durationinminutes") || H ("startdatetime"))
    return SF_EVENT;
  if (H ("incoming") && (H ("toaddress") || H ("fromaddress")))
    return SF_EMAIL_MESSAGE;
  if (H ("campaignid") && (H ("leadorcontactid") || H ("hasresponded")))
    return SF_CAMPAIGN_MEMBER;
  if (H ("isconverted") || H ("convertedcontactid"))
    return SF_LEAD;
  if (H ("contractterm") || H ("contractnumber"))
    return SF_CONTRACT;
  if (H ("numbersent") || H ("budgetedcost"))
    return SF_CAMPAIGN;
  if (H ("reportstoid") || (H ("accountid") && (H ("firstname") || H ("lastname")) && H ("email")))
    return SF_CONTACT;
  if (H ("billingcity") || H ("industry") || H ("annualrevenue") || H ("numberofemployees") ||
      H ("ispersonaccount"))
    return SF_ACCOUNT;
#undef H
  return SF_UNKNOWN;
}

/* ---------------------------------------------------------------------- */
/* Ids                                                                    */

/**
 * sf_id_normalize:
 * @out: receives the 18-character form
 * @is_null: set when @str is the empty lookup (`000000000000000AAA`)
 *
 * A 15-character Id gets its checksum suffix: for each 5-character chunk, a
 * bit per upper-case letter, indexing "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".
 * An 18-character Id whose letters lost their case (Excel, a case-insensitive
 * database) gets it back from its suffix, which is what the suffix is for.
 *
 * Returns: %TRUE when @str is a Salesforce Id (or the empty lookup)
 */
gboolean
sf_id_normalize (const char *str,
                 gsize       len,
                 char        out[19],
                 gboolean   *is_null)
{
  static const char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
  gboolean zeros = TRUE;

  *is_null = FALSE;
  while (len > 0 && g_ascii_isspace (str[0]))
    str++, len--;
  while (len > 0 && g_ascii_isspace (str[len - 1]))
    len--;
  if (len != 15 && len != 18)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (str[i]))
      return FALSE;
  for (gsize i = 0; i < 15; i++)
    zeros &= str[i] == '0';
  if (zeros)
    {
      *is_null = TRUE;
      return TRUE;
    }

  memcpy (out, str, 15);
  if (len == 18)
    {
      for (guint chunk = 0; chunk < 3; chunk++)
        {
          const char *p = strchr (table, g_ascii_toupper (str[15 + chunk]));
          guint bits;

          if (p == NULL)
            return FALSE;
          bits = (guint) (p - table);
          for (guint i = 0; i < 5; i++)
            {
              char c = out[chunk * 5 + i];
              gboolean upper = (bits >> i) & 1;

              if (g_ascii_isalpha (c))
                out[chunk * 5 + i] = upper ? g_ascii_toupper (c) : g_ascii_tolower (c);
              else if (upper)
                return FALSE;   /* a digit cannot be upper case: not a checksum */
            }
        }
    }
  for (guint chunk = 0; chunk < 3; chunk++)
    {
      guint bits = 0;
      for (guint i = 0; i < 5; i++)
        if (g_ascii_isupper (out[chunk * 5 + i]))
          bits |= 1u << i;
      out[15 + chunk] = table[bits];
    }
  out[18] = '\0';
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* the store                                                              */

SfStore *
sf_store_new (const char *const *extra_fields)
{
  SfStore *self = g_new0 (SfStore, 1);

  self->objects = g_ptr_array_new ();
  self->files = g_ptr_array_new ();
  self->chunk = g_string_chunk_new (64 * 1024);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->blocks = g_ptr_array_new_with_free_func (g_free);
  self->block_used = BLOCK_SIZE;
  self->extra_fields = g_strdupv ((char **) extra_fields);
  self->notes = g_ptr_array_new ();
  return self;
}

static void
object_free (SfObject *object)
{
  g_free (object->name);
  g_ptr_array_unref (object->field_names);
  g_free (object->field_flags);
  g_hash_table_unref (object->slot_of);
  g_ptr_array_unref (object->records);
  g_free (object);
}

static void
file_free (SfFile *file)
{
  g_free (file->display);
  g_free (file->column_of_slot);
  g_free (file);
}

static void
note_free (SfNote *note)
{
  g_free (note->path);
  g_free (note->message);
  g_free (note);
}

void
sf_store_free (SfStore *self)
{
  if (self == NULL)
    return;
  g_ptr_array_foreach (self->objects, (GFunc) object_free, NULL);
  g_ptr_array_unref (self->objects);
  g_ptr_array_foreach (self->files, (GFunc) file_free, NULL);
  g_ptr_array_unref (self->files);
  g_ptr_array_foreach (self->notes, (GFunc) note_free, NULL);
  g_ptr_array_unref (self->notes);
  g_string_chunk_free (self->chunk);
  g_hash_table_unref (self->by_id);
  g_ptr_array_unref (self->blocks);
  g_strfreev (self->extra_fields);
  g_free (self);
}

SfObject *
sf_store_get_object (SfStore *self,
                     SfKind   kind)
{
  g_assert (kind >= 0 && kind < SF_N_KINDS);
  return self->known[kind];
}

GPtrArray *
sf_store_get_objects (SfStore *self)
{
  return self->objects;
}

static void
object_add_field (SfObject   *object,
                  const char *name,
                  guint8      flags)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  guint slot = object->field_names->len;

  if (g_hash_table_contains (object->slot_of, lower))
    return;
  g_ptr_array_add (object->field_names, g_strdup (name));
  object->field_flags = g_realloc (object->field_flags, slot + 1);
  object->field_flags[slot] = flags;
  g_hash_table_insert (object->slot_of, g_steal_pointer (&lower), GUINT_TO_POINTER (slot + 1));
}

/**
 * sf_store_ensure_object:
 * @name: the API name (for a custom object), or %NULL for a known kind
 *
 * Returns: (transfer none): the object's records, created empty if new
 */
SfObject *
sf_store_ensure_object (SfStore    *self,
                        SfKind      kind,
                        const char *name)
{
  SfObject *object;
  const FieldSpec *fields = custom_fields;
  guint n_fields = G_N_ELEMENTS (custom_fields);

  if (kind >= 0 && kind < SF_N_KINDS)
    {
      if (self->known[kind])
        return self->known[kind];
      fields = kinds[kind].fields;
      n_fields = kinds[kind].n_fields;
      name = kinds[kind].name;
    }
  else
    {
      g_assert (kind == SF_CUSTOM && name != NULL);
      for (guint i = 0; i < self->objects->len; i++)
        {
          object = self->objects->pdata[i];
          if (object->kind == SF_CUSTOM && g_ascii_strcasecmp (object->name, name) == 0)
            return object;
        }
    }

  object = g_new0 (SfObject, 1);
  object->kind = kind;
  object->name = g_strdup (name);
  object->field_names = g_ptr_array_new_with_free_func (g_free);
  object->slot_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  object->records = g_ptr_array_new ();
  for (guint i = 0; i < n_fields; i++)
    object_add_field (object, fields[i].name, fields[i].flags);
  for (guint i = 0; self->extra_fields && self->extra_fields[i]; i++)
    object_add_field (object, self->extra_fields[i], 0);

  g_ptr_array_add (self->objects, object);
  if (kind >= 0 && kind < SF_N_KINDS)
    self->known[kind] = object;
  return object;
}

/**
 * sf_object_find_slot:
 *
 * Returns: the slot of field @name (any case), or -1
 */
int
sf_object_find_slot (SfObject   *object,
                     const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);
  guint slot = GPOINTER_TO_UINT (g_hash_table_lookup (object->slot_of, lower));

  return (int) slot - 1;
}

SfFile *
sf_store_add_file (SfStore    *self,
                   SfObject   *object,
                   const char *display,
                   gboolean    json)
{
  SfFile *file = g_new0 (SfFile, 1);

  file->display = g_strdup (display);
  file->json = json;
  file->column_of_slot = g_new0 (guint, MAX (object->field_names->len, 1));
  g_ptr_array_add (self->files, file);
  return file;
}

static gpointer
arena_alloc (SfStore *self,
             gsize    size)
{
  gpointer p;

  size = (size + 7) & ~(gsize) 7;
  if (size > BLOCK_SIZE / 4)
    {
      p = g_malloc0 (size);
      g_ptr_array_add (self->blocks, p);
      return p;
    }
  if (self->block_used + size > BLOCK_SIZE)
    {
      g_ptr_array_add (self->blocks, g_malloc0 (BLOCK_SIZE));
      self->block_used = 0;
    }
  p = (guint8 *) self->blocks->pdata[self->blocks->len - 1] + self->block_used;
  self->block_used += size;
  return p;
}

SfRecord *
sf_store_begin_record (SfStore  *self,
                       SfObject *object,
                       SfFile   *file,
                       guint64   line,
                       guint     number)
{
  guint n = object->field_names->len;
  SfRecord *record = arena_alloc (self, sizeof (SfRecord) + n * sizeof (char *));

  record->object = object;
  record->file = file;
  record->line = line;
  record->number = number;
  record->n_values = n;
  return record;
}

/**
 * sf_record_set:
 *
 * Sets a field from the text of a cell: empty and `#N/A` (Bulk's null) are
 * no value; Ids are normalised; a multi-select picklist keeps its first value.
 */
void
sf_record_set (SfStore    *self,
               SfRecord   *record,
               guint       slot,
               const char *data,
               gsize       len)
{
  guint8 flags;

  g_assert (slot < record->n_values);
  flags = record->object->field_flags[slot];

  if (len == 0 || (len == 4 && memcmp (data, "#N/A", 4) == 0))
    {
      record->values[slot] = NULL;
      return;
    }

  if (flags & SF_FIELD_ID)
    {
      char id[19];
      gboolean is_null;

      if (sf_id_normalize (data, len, id, &is_null))
        {
          /* a record's own Id is unique: only lookups are worth sharing */
          if (is_null)
            record->values[slot] = NULL;
          else if (slot == F_ID)
            record->values[slot] = g_string_chunk_insert_len (self->chunk, id, 18);
          else
            record->values[slot] = g_string_chunk_insert_const (self->chunk, id);
          return;
        }
      while (len > 0 && g_ascii_isspace (data[0]))
        data++, len--;
      while (len > 0 && g_ascii_isspace (data[len - 1]))
        len--;
    }
  else if (flags & SF_FIELD_PICKLIST)
    {
      const char *semi = memchr (data, ';', len);
      if (semi != NULL)
        {
          len = semi - data;
          record->object->n_multi_values++;
        }
      while (len > 0 && g_ascii_isspace (data[0]))
        data++, len--;
      while (len > 0 && g_ascii_isspace (data[len - 1]))
        len--;
    }

  if (len == 0)
    record->values[slot] = NULL;
  else if (flags & (SF_FIELD_ID | SF_FIELD_PICKLIST))
    {
      /* few distinct values: share them */
      g_autofree char *tmp = g_strndup (data, len);
      record->values[slot] = g_string_chunk_insert_const (self->chunk, tmp);
    }
  else
    record->values[slot] = g_string_chunk_insert_len (self->chunk, data, len);
}

char *
sf_record_describe (const SfRecord *record)
{
  const char *id = sf_get (record, F_ID);

  if (id)
    return g_strdup_printf ("%s %s", record->object->name, id);
  if (record->file->json)
    return g_strdup_printf (_("%s record %u"), record->object->name, record->number);
  return g_strdup_printf (_("%s record"), record->object->name);
}

guint
sf_record_column (const SfRecord *record,
                  guint           slot)
{
  return slot < record->n_values ? record->file->column_of_slot[slot] : 0;
}

/**
 * sf_store_commit_record:
 *
 * Keeps @record, unless its Id was seen before in this source: then it is
 * counted (and listed) as a duplicate.
 *
 * Returns: %TRUE when kept
 */
gboolean
sf_store_commit_record (SfStore  *self,
                        SfRecord *record)
{
  const char *id = sf_get (record, F_ID);
  SfObject *object = record->object;

  object->n_read++;
  self->n_records++;
  if (id != NULL)
    {
      SfRecord *first = g_hash_table_lookup (self->by_id, id);
      if (first != NULL)
        {
          g_autofree char *where = first->line > 0
            ? g_strdup_printf (_("%s line %" PRIu64), first->file->display, first->line)
            : g_strdup_printf (_("%s record %u"), first->file->display, first->number);

          object->n_duplicates++;
          sf_store_add_note (self, SF_NOTE_DUPLICATE, record->file->display, record->line,
                             sf_record_column (record, F_ID),
                             _("%s %s again (first at %s): the duplicate is not kept"),
                             object->name, id, where);
          return FALSE;
        }
      g_hash_table_insert (self->by_id, (gpointer) id, record);
    }
  record->index = object->records->len;
  g_ptr_array_add (object->records, record);
  return TRUE;
}

SfRecord *
sf_store_lookup (SfStore    *self,
                 const char *id)
{
  if (id == NULL)
    return NULL;
  return g_hash_table_lookup (self->by_id, id);
}

guint64
sf_store_get_n_records (SfStore *self)
{
  return self->n_records;
}

/* ---------------------------------------------------------------------- */
/* notes                                                                  */

void
sf_store_add_note (SfStore    *self,
                   SfNoteKind  kind,
                   const char *path,
                   guint64     line,
                   guint       column,
                   const char *format,
                   ...)
{
  SfNote *note;
  va_list args;

  g_assert (kind < SF_N_NOTE_KINDS);
  if (self->note_counts[kind]++ >= MAX_NOTES_PER_KIND)
    return;

  note = g_new0 (SfNote, 1);
  note->path = g_strdup (path);
  note->line = line;
  note->column = column;
  va_start (args, format);
  note->message = g_strdup_vprintf (format, args);
  va_end (args);
  if (!g_utf8_validate (note->message, -1, NULL))
    {
      char *valid = g_utf8_make_valid (note->message, -1);
      g_free (note->message);
      note->message = valid;
    }
  g_ptr_array_add (self->notes, note);
}

GPtrArray *
sf_store_get_notes (SfStore *self)
{
  return self->notes;
}

guint64
sf_store_get_n_notes (SfStore    *self,
                      SfNoteKind  kind)
{
  return self->note_counts[kind];
}

const char *
sf_note_kind_describe (SfNoteKind kind)
{
  switch (kind)
    {
    case SF_NOTE_DUPLICATE: return _("duplicate records");
    case SF_NOTE_MERGED: return _("merged records");
    case SF_NOTE_RAGGED: return _("rows with the wrong number of fields");
    case SF_NOTE_ENTRY: return _("unreadable files");
    case SF_NOTE_BAD_ID: return _("unreadable Ids");
    case SF_NOTE_BAD_TIME: return _("unreadable times");
    case SF_NOTE_BAD_NUMBER: return _("unreadable numbers");
    case SF_NOTE_BAD_BOOLEAN: return _("unreadable booleans");
    case SF_NOTE_NO_CUSTOMER: return _("records without a customer");
    case SF_NOTE_NO_TIME: return _("records without a time");
    case SF_NOTE_NO_TYPE: return _("records without a type");
    case SF_N_NOTE_KINDS:
    default: return "";
    }
}
