/* tsp-sf-store.h — the Salesforce records of one source, by object, before mapping
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <touchstone.h>

G_BEGIN_DECLS

/* The objects the plugin reads.  Others are skipped, unless the mapping
 * names their columns (then they are "custom"). */
typedef enum
{
  SF_ACCOUNT,
  SF_CONTACT,
  SF_LEAD,
  SF_CASE,
  SF_CASE_COMMENT,
  SF_CASE_HISTORY,
  SF_EMAIL_MESSAGE,
  SF_TASK,
  SF_EVENT,
  SF_CAMPAIGN,
  SF_CAMPAIGN_MEMBER,
  SF_OPPORTUNITY,
  SF_OPPORTUNITY_CONTACT_ROLE,
  SF_CONTRACT,
  SF_SURVEY_INVITATION,
  SF_SURVEY_RESPONSE,
  SF_SURVEY_QUESTION,
  SF_SURVEY_QUESTION_RESPONSE,
  SF_N_KINDS,
  SF_CUSTOM = SF_N_KINDS,   /* an object the mapping's columns name */
  SF_UNKNOWN = -1,
} SfKind;

/* Field slots.  Every object starts with these three. */
enum { F_ID, F_IS_DELETED, F_CREATED_DATE, F_FIRST_OWN };

enum { ACC_NAME = F_FIRST_OWN, ACC_TYPE, ACC_INDUSTRY, ACC_ANNUAL_REVENUE, ACC_IS_PERSON_ACCOUNT,
       ACC_PERSON_EMAIL, ACC_MASTER_RECORD_ID, ACC_FIRST_NAME, ACC_LAST_NAME, ACC_N };
enum { CON_ACCOUNT_ID = F_FIRST_OWN, CON_EMAIL, CON_NAME, CON_FIRST_NAME, CON_LAST_NAME,
       CON_MASTER_RECORD_ID, CON_HAS_OPTED_OUT_OF_EMAIL, CON_DO_NOT_CALL, CON_N };
enum { LEAD_EMAIL = F_FIRST_OWN, LEAD_IS_CONVERTED, LEAD_CONVERTED_CONTACT_ID, LEAD_N };
enum { CASE_CONTACT_ID = F_FIRST_OWN, CASE_ACCOUNT_ID, CASE_SUPPLIED_EMAIL, CASE_STATUS,
       CASE_PRIORITY, CASE_ORIGIN, CASE_REASON, CASE_TYPE, CASE_IS_ESCALATED, CASE_IS_CLOSED,
       CASE_CLOSED_DATE, CASE_N };
enum { CC_PARENT_ID = F_FIRST_OWN, CC_IS_PUBLISHED, CC_N };
enum { CH_CASE_ID = F_FIRST_OWN, CH_FIELD, CH_OLD_VALUE, CH_NEW_VALUE, CH_N };
enum { EM_PARENT_ID = F_FIRST_OWN, EM_INCOMING, EM_MESSAGE_DATE, EM_FROM_ADDRESS, EM_TO_ADDRESS,
       EM_ACTIVITY_ID, EM_RELATED_TO_ID, EM_N };
enum { TASK_WHO_ID = F_FIRST_OWN, TASK_WHAT_ID, TASK_ACCOUNT_ID, TASK_TYPE, TASK_SUBTYPE,
       TASK_ACTIVITY_DATE, TASK_COMPLETED_DATE_TIME, TASK_CALL_TYPE, TASK_SUBJECT, TASK_N };
enum { EV_WHO_ID = F_FIRST_OWN, EV_WHAT_ID, EV_ACCOUNT_ID, EV_TYPE, EV_SUBTYPE, EV_ACTIVITY_DATE,
       EV_ACTIVITY_DATE_TIME, EV_START_DATE_TIME, EV_IS_ALL_DAY_EVENT, EV_SUBJECT, EV_N };
enum { CAMP_NAME = F_FIRST_OWN, CAMP_TYPE, CAMP_N };
enum { CM_CAMPAIGN_ID = F_FIRST_OWN, CM_CONTACT_ID, CM_LEAD_ID, CM_LEAD_OR_CONTACT_ID,
       CM_CAMPAIGN_NAME, CM_CAMPAIGN_TYPE, CM_N };
enum { OPP_ACCOUNT_ID = F_FIRST_OWN, OPP_CONTACT_ID, OPP_NAME, OPP_STAGE_NAME, OPP_AMOUNT,
       OPP_CLOSE_DATE, OPP_IS_CLOSED, OPP_IS_WON, OPP_TYPE, OPP_LAST_MODIFIED_DATE, OPP_N };
enum { OCR_OPPORTUNITY_ID = F_FIRST_OWN, OCR_CONTACT_ID, OCR_IS_PRIMARY, OCR_N };
enum { CTR_ACCOUNT_ID = F_FIRST_OWN, CTR_END_DATE, CTR_STATUS, CTR_N };
enum { SI_CONTACT_ID = F_FIRST_OWN, SI_PARTICIPANT_ID, SI_N };
enum { SR_INVITATION_ID = F_FIRST_OWN, SR_SUBMITTER_ID, SR_COMPLETION_DATE_TIME, SR_N };
enum { SQ_QUESTION_TYPE = F_FIRST_OWN, SQ_NAME, SQ_DEVELOPER_NAME, SQ_N };
enum { SQR_RESPONSE_ID = F_FIRST_OWN, SQR_QUESTION_ID, SQR_INVITATION_ID, SQR_DATATYPE,
       SQR_NUMBER_VALUE, SQR_RESPONSE_VALUE, SQR_RESPONSE_SHORT_TEXT, SQR_CHOICE_VALUE, SQR_N };

typedef enum
{
  SF_FIELD_TEXT     = 0,
  SF_FIELD_ID       = 1 << 0,   /* normalised to 18 characters; the empty lookup is null */
  SF_FIELD_PICKLIST = 1 << 1,   /* multi-select: the first value is kept */
} SfFieldFlags;

/* One file (or zip entry) records came from. */
typedef struct
{
  char     *display;          /* path, or "archive.zip/Entry.csv" */
  gboolean  json;
  guint    *column_of_slot;   /* 1-based column of each slot in this file, 0: absent */
} SfFile;

typedef struct _SfObject SfObject;

typedef struct
{
  SfObject    *object;
  SfFile      *file;
  guint64      line;          /* CSV: line of the record; JSON: 0 */
  guint        number;        /* JSON: 1-based position in the file */
  guint        index;         /* position in object->records */
  guint        n_values;
  const char  *values[];      /* per slot; NULL: no value */
} SfRecord;

struct _SfObject
{
  SfKind      kind;
  char       *name;           /* API name as first seen */
  GPtrArray  *field_names;    /* per slot */
  guint8     *field_flags;    /* per slot */
  GHashTable *slot_of;        /* lower-case name → slot + 1 */
  GPtrArray  *records;        /* SfRecord *, first of each Id */
  guint64     n_read;
  guint64     n_duplicates;
  guint64     n_multi_values; /* multi-select values cut to their first */
};

typedef struct _SfStore SfStore;

/* Kinds of problems, each listed up to a limit and then counted. */
typedef enum
{
  SF_NOTE_DUPLICATE,
  SF_NOTE_MERGED,
  SF_NOTE_RAGGED,
  SF_NOTE_ENTRY,
  SF_NOTE_BAD_ID,
  SF_NOTE_BAD_TIME,
  SF_NOTE_BAD_NUMBER,
  SF_NOTE_BAD_BOOLEAN,
  SF_NOTE_NO_CUSTOMER,
  SF_NOTE_NO_TIME,
  SF_NOTE_NO_TYPE,
  SF_N_NOTE_KINDS
} SfNoteKind;

/* A problem found while reading or mapping, kept until the builder gets it. */
typedef struct
{
  char    *path;
  guint64  line;
  guint    column;
  char    *message;
} SfNote;

SfStore      *sf_store_new              (const char *const *extra_fields);
void          sf_store_free             (SfStore           *self);

SfKind        sf_kind_from_name         (const char        *name,
                                         gssize             len);
const char   *sf_kind_get_name          (SfKind             kind);
SfKind        sf_kind_from_file_name    (const char        *base);
SfKind        sf_kind_from_id_prefix    (const char        *id);
SfKind        sf_kind_from_header       (const char *const *lower_names,
                                         guint              n);

SfObject     *sf_store_get_object       (SfStore           *self,
                                         SfKind             kind);
SfObject     *sf_store_ensure_object    (SfStore           *self,
                                         SfKind             kind,
                                         const char        *name);
GPtrArray    *sf_store_get_objects      (SfStore           *self);
int           sf_object_find_slot       (SfObject          *object,
                                         const char        *name);
SfFile       *sf_store_add_file         (SfStore           *self,
                                         SfObject          *object,
                                         const char        *display,
                                         gboolean           json);

SfRecord     *sf_store_begin_record     (SfStore           *self,
                                         SfObject          *object,
                                         SfFile            *file,
                                         guint64            line,
                                         guint              number);
void          sf_record_set             (SfStore           *self,
                                         SfRecord          *record,
                                         guint              slot,
                                         const char        *data,
                                         gsize              len);
gboolean      sf_store_commit_record    (SfStore           *self,
                                         SfRecord          *record);
SfRecord     *sf_store_lookup           (SfStore           *self,
                                         const char        *id);
guint64       sf_store_get_n_records    (SfStore           *self);

void          sf_store_add_note         (SfStore           *self,
                                         SfNoteKind         kind,
                                         const char        *path,
                                         guint64            line,
                                         guint              column,
                                         const char        *format,
                                         ...) G_GNUC_PRINTF (6, 7);
GPtrArray    *sf_store_get_notes        (SfStore           *self);
guint64       sf_store_get_n_notes      (SfStore           *self,
                                         SfNoteKind         kind);
const char   *sf_note_kind_describe     (SfNoteKind         kind);

static inline const char *
sf_get (const SfRecord *record,
        guint           slot)
{
  return slot < record->n_values ? record->values[slot] : NULL;
}

gboolean      sf_id_normalize           (const char        *str,
                                         gsize              len,
                                         char               out[19],
                                         gboolean          *is_null);
char         *sf_record_describe        (const SfRecord    *record);
guint         sf_record_column          (const SfRecord    *record,
                                         guint              slot);

G_END_DECLS
