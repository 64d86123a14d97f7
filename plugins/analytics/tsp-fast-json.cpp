/* tsp-fast-json.cpp — Segment's bulk calls decoded without a JSON tree
 *
 * Most lines of a Segment archive are track, page and screen calls.
 * json-glib builds a tree of every line (hash tables, lists, nodes) only
 * for tsp_record_decode() to read a dozen members and throw it away; here
 * simdjson's On-Demand API walks the line once and fills the same
 * TspRecord directly, writing the properties text as tsp_json_write_node()
 * does: members in their order, the same escapes, the same numbers.
 *
 * Only what is fully understood is decoded here.  Anything else — another
 * call type, a record that fails (a missing event, a time that cannot be
 * read, an id that is not one), traits to look an identity up in,
 * duplicate keys, \u0000 in a string, a raw control character, an integer
 * beyond 64 bits, nesting deeper than MAX_DEPTH, text simdjson refuses —
 * returns %FALSE and is read by json-glib and tsp_record_decode() as
 * before, so that messages and behaviour stay the same.  Every value of
 * the line is read (and so checked), even those the record does not use,
 * so a line json-glib would refuse is never decoded here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "tsp-analytics"

#include "config.h"

#include <cmath>
#include <cstring>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include "tsp-fast-json.h"

namespace od = simdjson::ondemand;

/* well below TS_JSON_MAX_DEPTH: deeper lines are json-glib's */
#define MAX_DEPTH 64

struct _TspFastJson
{
  od::parser                     parser;
  std::string                    buf;        /* the line, padded for simdjson */
  std::vector<std::string_view>  keys;       /* keys of the open objects, for duplicates */
  std::string                    type;
  std::string                    event;
  std::string                    user;
  std::string                    anon;
  std::string                    message_id;
  std::string                    page_name;
  std::string                    category;
  std::string                    device_type;
  std::string                    library_name;
  std::string                    os_name;
  std::string                    scratch;
  std::string                    last_library;  /* tsp_channel_from_library() of it */
  const char                    *last_library_channel;
  bool                           last_library_valid;
};

namespace {

enum class Found
{
  NONE,      /* missing, or null */
  OK,
};

/* tsp_json_write_string() of a string that holds no NUL */
inline void
write_string (GString          *out,
              std::string_view  s)
{
  ts_json_text_append_string (out, s.data (), (gssize) s.size ());
}

inline bool
has_nul (std::string_view s)
{
  return memchr (s.data (), '\0', s.size ()) != nullptr;
}

/* A string as json-glib gives it: refused when it holds a NUL (json-glib
 * would cut it there). */
inline bool
get_string (od::value        &v,
            std::string_view &out)
{
  return !v.get_string ().get (out) && !has_nul (out);
}

inline bool
get_key (od::field        &f,
         std::string_view &out)
{
  return !f.unescaped_key ().get (out) && !has_nul (out);
}

/* Whether @key is new among the keys of the object whose keys start at
 * @base, and remembers it. */
inline bool
key_is_new (TspFastJson      *self,
            size_t            base,
            std::string_view  key)
{
  for (size_t i = base; i < self->keys.size (); i++)
    if (self->keys[i] == key)
      return false;
  self->keys.push_back (key);
  return true;
}

/* A number as json-glib holds it: an int64 (@is_int) or a finite double;
 * false for one past int64 (json-glib wraps it) or not finite */
bool
read_number (od::value &v,
             bool      *is_int,
             int64_t   *i,
             double    *d)
{
  od::number_type nt;

  if (v.get_number_type ().get (nt))
    return false;
  *is_int = nt == od::number_type::signed_integer;
  if (*is_int)
    return !v.get_int64 ().get (*i);
  return nt == od::number_type::floating_point_number && !v.get_double ().get (*d) && std::isfinite (*d);
}

/* Reads every value of @v, so that what json-glib refuses is refused. */
bool
skip_value (od::value &v,
            int        depth)
{
  od::json_type type;

  if (depth > MAX_DEPTH || v.type ().get (type))
    return false;
  switch (type)
    {
    case od::json_type::object:
      {
        od::object o;
        if (v.get_object ().get (o))
          return false;
        for (auto fr : o)
          {
            od::field f;
            std::string_view key;
            if (std::move (fr).get (f) || f.unescaped_key ().get (key) || !skip_value (f.value (), depth + 1))
              return false;
          }
        return true;
      }
    case od::json_type::array:
      {
        od::array a;
        if (v.get_array ().get (a))
          return false;
        for (auto er : a)
          {
            od::value e;
            if (std::move (er).get (e) || !skip_value (e, depth + 1))
              return false;
          }
        return true;
      }
    case od::json_type::string:
      {
        std::string_view s;
        return !v.get_string ().get (s);
      }
    case od::json_type::number:
      {
        od::number_type nt;
        if (v.get_number_type ().get (nt))
          return false;
        if (nt == od::number_type::signed_integer)
          {
            int64_t i;
            return !v.get_int64 ().get (i);
          }
        if (nt == od::number_type::floating_point_number)
          {
            double d;
            return !v.get_double ().get (d);
          }
        /* beyond int64: json-glib wraps it */
        return false;
      }
    case od::json_type::boolean:
      {
        bool b;
        return !v.get_bool ().get (b);
      }
    case od::json_type::null:
      {
        bool is_null;
        return !v.is_null ().get (is_null) && is_null;
      }
    default:
      return false;
    }
}

/* What a scalar member of the properties was, for tsp_json_number(). */
struct Scalar
{
  enum { OTHER, INT, DOUBLE, STRING, NUL } kind = OTHER;
  int64_t          i = 0;
  double           d = 0;
  std::string_view s;
};

/* tsp_json_write_node() of @v */
bool
write_value (TspFastJson *self,
             GString     *out,
             od::value   &v,
             int          depth,
             Scalar      *scalar)
{
  od::json_type type;

  if (depth > MAX_DEPTH || v.type ().get (type))
    return false;
  switch (type)
    {
    case od::json_type::object:
      {
        od::object o;
        size_t base = self->keys.size ();
        bool first = true;

        if (v.get_object ().get (o))
          return false;
        g_string_append_c (out, '{');
        for (auto fr : o)
          {
            od::field f;
            std::string_view key;
            if (std::move (fr).get (f) || !get_key (f, key) || !key_is_new (self, base, key))
              return false;
            if (!first)
              g_string_append_c (out, ',');
            first = false;
            write_string (out, key);
            g_string_append_c (out, ':');
            if (!write_value (self, out, f.value (), depth + 1, nullptr))
              return false;
          }
        g_string_append_c (out, '}');
        self->keys.resize (base);
        return true;
      }
    case od::json_type::array:
      {
        od::array a;
        bool first = true;

        if (v.get_array ().get (a))
          return false;
        g_string_append_c (out, '[');
        for (auto er : a)
          {
            od::value e;
            if (std::move (er).get (e))
              return false;
            if (!first)
              g_string_append_c (out, ',');
            first = false;
            if (!write_value (self, out, e, depth + 1, nullptr))
              return false;
          }
        g_string_append_c (out, ']');
        return true;
      }
    case od::json_type::string:
      {
        std::string_view s;
        if (!get_string (v, s))
          return false;
        write_string (out, s);
        if (scalar)
          {
            scalar->kind = Scalar::STRING;
            scalar->s = s;
          }
        return true;
      }
    case od::json_type::number:
      {
        bool is_int;
        int64_t i;
        double d;

        if (!read_number (v, &is_int, &i, &d))
          return false;
        if (is_int)
          {
            g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) i);
            if (scalar)
              {
                scalar->kind = Scalar::INT;
                scalar->i = i;
              }
          }
        else
          {
            char buf[G_ASCII_DTOSTR_BUF_SIZE];

            tsp_json_format_double (buf, sizeof buf, d);
            g_string_append (out, buf);
            if (scalar)
              {
                scalar->kind = Scalar::DOUBLE;
                scalar->d = d;
              }
          }
        return true;
      }
    case od::json_type::boolean:
      {
        bool b;
        if (v.get_bool ().get (b))
          return false;
        g_string_append (out, b ? "true" : "false");
        return true;
      }
    case od::json_type::null:
      {
        bool is_null;
        if (v.is_null ().get (is_null) || !is_null)
          return false;
        g_string_append (out, "null");
        if (scalar)
          scalar->kind = Scalar::NUL;
        return true;
      }
    default:
      return false;
    }
}

/* tsp_json_number() of a string */
bool
string_number (TspFastJson      *self,
               std::string_view  s,
               double           *out)
{
  char *end = nullptr;
  const char *str;

  if (s.empty ())
    return false;
  self->scratch.assign (s);
  str = self->scratch.c_str ();
  *out = g_ascii_strtod (str, &end);
  while (end && *end == ' ')
    end++;
  return end != nullptr && *end == '\0' && end != str && std::isfinite (*out);
}

/* tsp_json_number() of a scalar */
bool
scalar_number (TspFastJson  *self,
               const Scalar &scalar,
               double       *out)
{
  switch (scalar.kind)
    {
    case Scalar::INT:
      *out = (double) scalar.i;
      return true;
    case Scalar::DOUBLE:
      *out = scalar.d;
      return std::isfinite (*out);
    case Scalar::STRING:
      return string_number (self, scalar.s, out);
    case Scalar::NUL:
    case Scalar::OTHER:
    default:
      return false;
    }
}

/* tsp_json_scalar_text() of an id; false for what json-glib's path fails */
bool
read_id (od::value    &v,
         std::string  &store,
         char         *buf,
         const char  **out)
{
  od::json_type type;

  *out = nullptr;
  if (v.type ().get (type))
    return false;
  switch (type)
    {
    case od::json_type::null:
      {
        bool is_null;
        return !v.is_null ().get (is_null) && is_null;
      }
    case od::json_type::string:
      {
        std::string_view s;
        if (!get_string (v, s))
          return false;
        if (!s.empty ())
          {
            store.assign (s);
            *out = store.c_str ();
          }
        return true;
      }
    case od::json_type::number:
      {
        bool is_int;
        int64_t i;
        double d;

        if (!read_number (v, &is_int, &i, &d))
          return false;
        if (is_int)
          g_snprintf (buf, TSP_ID_BUF, "%" G_GINT64_FORMAT, (gint64) i);
        else if (d == floor (d) && fabs (d) < 9e15)
          g_snprintf (buf, TSP_ID_BUF, "%" G_GINT64_FORMAT, (gint64) d);
        else
          tsp_json_format_double (buf, TSP_ID_BUF, d);
        *out = buf;
        return true;
      }
    case od::json_type::array:
    case od::json_type::object:
    case od::json_type::boolean:
    default:
      return false;
    }
}

/* read_time() in tsp-analytics-formats.c: false where it says the time
 * is bad (the record fails, or may, on json-glib's path) */
bool
read_time (TspFastJson *self,
           od::value   &v,
           Found       *found,
           TsTime      *at)
{
  od::json_type type;
  double d;

  *found = Found::NONE;
  if (v.type ().get (type))
    return false;
  switch (type)
    {
    case od::json_type::null:
      {
        bool is_null;
        return !v.is_null ().get (is_null) && is_null;
      }
    case od::json_type::string:
      {
        std::string_view s;
        if (!get_string (v, s))
          return false;
        if (s.empty ())
          return true;
        self->scratch.assign (s);
        if (!ts_timestamp_parse (self->scratch.c_str (), s.size (), TS_TIME_FORMAT_ISO8601, NULL, at))
          {
            if (!string_number (self, s, &d))
              return false;
            *at = tsp_epoch_to_time (d, TS_TIME_FORMAT_UNKNOWN);
          }
        *found = Found::OK;
        return true;
      }
    case od::json_type::number:
      {
        bool is_int;
        int64_t i;

        if (!read_number (v, &is_int, &i, &d))
          return false;
        if (is_int)
          d = (double) i;
        *at = tsp_epoch_to_time (d, TS_TIME_FORMAT_UNKNOWN);
        *found = Found::OK;
        return true;
      }
    case od::json_type::array:
    case od::json_type::object:
    case od::json_type::boolean:
    default:
      return false;
    }
}

/* string_member(): a string, else nothing; anything else is read and left */
bool
read_string_member (od::value   &v,
                    std::string &store,
                    bool        *present)
{
  od::json_type type;

  *present = false;
  if (v.type ().get (type))
    return false;
  if (type == od::json_type::string)
    {
      std::string_view s;
      if (!get_string (v, s))
        return false;
      store.assign (s);
      *present = true;
      return true;
    }
  return skip_value (v, 1);
}

/* whether @v is null (has_value() is false for it), reading it either way */
bool
read_has_value (od::value &v,
                int        depth,
                bool      *has_value)
{
  od::json_type type;

  if (v.type ().get (type))
    return false;
  *has_value = type != od::json_type::null;
  return skip_value (v, depth);
}

/* Calls @on_member (key, field) for each member of @v, an object whose
 * keys must be unique (a duplicate falls back to json-glib); @v that is not
 * an object is read through, at @depth, and has no members. */
template <typename F>
bool
read_members (TspFastJson *self,
              od::value   &v,
              int          depth,
              F          &&on_member)
{
  od::json_type type;
  od::object o;
  size_t base = self->keys.size ();

  if (v.type ().get (type))
    return false;
  if (type != od::json_type::object)
    return skip_value (v, depth);
  if (v.get_object ().get (o))
    return false;
  for (auto fr : o)
    {
      od::field f;
      std::string_view key;
      if (std::move (fr).get (f) || !get_key (f, key) || !key_is_new (self, base, key) ||
          !on_member (key, f))
        return false;
    }
  self->keys.resize (base);
  return true;
}

/* One of context's objects (device, library, os): its string @name */
bool
read_context_object (TspFastJson *self,
                     od::value   &v,
                     const char  *name,
                     std::string &store,
                     bool        *present)
{
  *present = false;
  return read_members (self, v, 2, [&] (std::string_view key, od::field &f) {
    if (key == name)
      return read_string_member (f.value (), store, present);
    return skip_value (f.value (), 3);
  });
}

struct Context
{
  bool device_type = false;
  bool library_name = false;
  bool os_name = false;
  bool web_hint = false;    /* a userAgent or page that is not null */
};

bool
read_context (TspFastJson *self,
              od::value   &v,
              Context     *c)
{
  return read_members (self, v, 1, [&] (std::string_view key, od::field &f) {
    if (key == "device")
      return read_context_object (self, f.value (), "type", self->device_type, &c->device_type);
    if (key == "library")
      return read_context_object (self, f.value (), "name", self->library_name, &c->library_name);
    if (key == "os")
      return read_context_object (self, f.value (), "name", self->os_name, &c->os_name);
    if (key == "userAgent" || key == "page")
      {
        bool has = false;
        if (!read_has_value (f.value (), 2, &has))
          return false;
        c->web_hint = c->web_hint || has;
        return true;
      }
    if (key == "traits")
      {
        od::json_type tt;
        /* traits to look an identity up in: json-glib's */
        return !f.value ().type ().get (tt) && tt != od::json_type::object &&
               skip_value (f.value (), 2);
      }
    return skip_value (f.value (), 2);
  });
}

static const char *const value_keys[] = { "revenue", "$revenue", "value", "amount" };

struct Properties
{
  bool   has_name = false;       /* a "name" that is not null */
  bool   has_category = false;
  bool   has_value[G_N_ELEMENTS (value_keys)] = { false, };
  double value[G_N_ELEMENTS (value_keys)] = { 0, };
};

/* props_add_object() of the properties, and what value_from() needs */
bool
read_properties (TspFastJson *self,
                 od::value   &v,
                 GString     *out,
                 Properties  *p)
{
  return read_members (self, v, 1, [&] (std::string_view key, od::field &f) {
    Scalar scalar;

    if (out->len > 1)
      g_string_append_c (out, ',');
    write_string (out, key);
    g_string_append_c (out, ':');
    if (!write_value (self, out, f.value (), 2, &scalar))
      return false;

    if (key == "name")
      p->has_name = scalar.kind != Scalar::NUL;
    else if (key == "category")
      p->has_category = scalar.kind != Scalar::NUL;
    else
      for (guint i = 0; i < G_N_ELEMENTS (value_keys); i++)
        if (key == value_keys[i])
          p->has_value[i] = scalar_number (self, scalar, &p->value[i]);
    return true;
  });
}

const char *
channel_from_library (TspFastJson *self,
                      const char  *library)
{
  if (!self->last_library_valid || self->last_library != library)
    {
      self->last_library = library;
      self->last_library_channel = tsp_channel_from_library (library);
      self->last_library_valid = true;
    }
  return self->last_library_channel;
}

enum
{
  TIME_TIMESTAMP,
  TIME_ORIGINAL,
  TIME_RECEIVED,
  TIME_SENT,
  N_TIMES
};

/* decode_segment() of a track, page or screen call */
bool
decode_segment (TspFastJson *self,
                od::object  &root,
                TspRecord   *r)
{
  bool has_type = false, has_event = false, has_page_name = false, has_category = false;
  bool has_message_id = false, tells_segment = false;
  Found times[N_TIMES] = { Found::NONE, Found::NONE, Found::NONE, Found::NONE };
  TsTime at[N_TIMES] = { TS_TIME_NULL, TS_TIME_NULL, TS_TIME_NULL, TS_TIME_NULL };
  Context context;
  Properties props;
  bool page;
  size_t base = self->keys.size ();

  g_string_append_c (r->properties, '{');
  for (auto fr : root)
    {
      od::field f;
      std::string_view key;

      if (std::move (fr).get (f) || !get_key (f, key) || !key_is_new (self, base, key))
        return false;
      od::value &v = f.value ();

      if (key == "type")
        {
          if (!read_string_member (v, self->type, &has_type))
            return false;
        }
      else if (key == "messageId")
        {
          tells_segment = true;
          if (!read_string_member (v, self->message_id, &has_message_id))
            return false;
        }
      else if (key == "userId")
        {
          tells_segment = true;
          if (!read_id (v, self->user, r->user_buf, &r->user_id))
            return false;
        }
      else if (key == "anonymousId")
        {
          tells_segment = true;
          if (!read_id (v, self->anon, r->anon_buf, &r->anon_id))
            return false;
        }
      else if (key == "timestamp")
        {
          if (!read_time (self, v, &times[TIME_TIMESTAMP], &at[TIME_TIMESTAMP]))
            return false;
        }
      else if (key == "originalTimestamp" || key == "receivedAt" || key == "sentAt")
        {
          int which = key == "originalTimestamp" ? TIME_ORIGINAL : key == "receivedAt" ? TIME_RECEIVED
                                                                                         : TIME_SENT;
          tells_segment = true;
          if (!read_time (self, v, &times[which], &at[which]))
            return false;
        }
      else if (key == "event")
        {
          if (!read_string_member (v, self->event, &has_event))
            return false;
        }
      else if (key == "name")
        {
          if (!read_string_member (v, self->page_name, &has_page_name))
            return false;
        }
      else if (key == "category")
        {
          if (!read_string_member (v, self->category, &has_category))
            return false;
        }
      else if (key == "properties")
        {
          if (!read_properties (self, v, r->properties, &props))
            return false;
        }
      else if (key == "context")
        {
          if (!read_context (self, v, &context))
            return false;
        }
      else if (key == "traits")
        {
          od::json_type tt;
          /* traits to look an identity up in: json-glib's */
          if (v.type ().get (tt) || tt == od::json_type::object || !skip_value (v, 1))
            return false;
        }
      else if (key == "event_name" || key == "event_type")
        /* maybe GA4's or Amplitude's: tsp_format_classify() decides */
        return false;
      else if (!skip_value (v, 1))
        return false;
    }
  self->keys.resize (base);

  /* tsp_format_classify() says Segment, and a call decode_segment() reads
   * as an event */
  if (!has_type || !tells_segment)
    return false;
  if (self->type == "track")
    page = false;
  else if (self->type == "page" || self->type == "screen")
    page = true;
  else
    return false;

  r->kind = TSP_RECORD_EVENT;
  {
    int i = 0;
    while (i < N_TIMES && times[i] != Found::OK)
      i++;
    if (i == N_TIMES)
      return false;
    r->at = at[i];
  }

  if (!page)
    {
      if (!has_event || self->event.empty ())
        return false;
      r->name = self->event.c_str ();
    }
  else
    {
      r->name = self->type == "page" ? "Page Viewed" : "Screen Viewed";
      if (has_page_name && !props.has_name)
        {
          if (r->properties->len > 1)
            g_string_append_c (r->properties, ',');
          write_string (r->properties, "name");
          g_string_append_c (r->properties, ':');
          write_string (r->properties, self->page_name);
        }
      if (has_category && !props.has_category)
        {
          if (r->properties->len > 1)
            g_string_append_c (r->properties, ',');
          write_string (r->properties, "category");
          g_string_append_c (r->properties, ':');
          write_string (r->properties, self->category);
        }
    }
  if (r->properties->len <= 1)
    g_string_truncate (r->properties, 0);
  else
    g_string_append_c (r->properties, '}');

  for (guint i = 0; i < G_N_ELEMENTS (value_keys); i++)
    if (props.has_value[i])
      {
        r->value = props.value[i];
        break;
      }

  r->channel = tsp_channel_from_platform (context.device_type ? self->device_type.c_str () : NULL);
  if (r->channel == NULL && context.library_name)
    r->channel = channel_from_library (self, self->library_name.c_str ());
  if (r->channel == NULL)
    r->channel = tsp_channel_from_os (context.os_name ? self->os_name.c_str () : NULL);
  if (r->channel == NULL && context.web_hint)
    r->channel = "web";

  if (has_message_id && !self->message_id.empty ())
    tsp_record_set_dedupe (r, "messageId", self->message_id.c_str (), NULL, NULL, NULL);
  return true;
}

} /* namespace */

TspFastJson *
tsp_fast_json_new (void)
{
  TspFastJson *self = new TspFastJson ();

  self->last_library_channel = NULL;
  self->last_library_valid = false;
  return self;
}

void
tsp_fast_json_free (TspFastJson *self)
{
  delete self;
}

/**
 * tsp_fast_json_decode:
 * @text: a line of @len bytes, not NUL-terminated
 *
 * Decodes @text into @record (reset first) when it is a record of @format
 * that this reader fully understands; only Segment's track, page and
 * screen calls are.  A record decoded here is the one
 * tsp_format_classify() and tsp_record_decode() of json-glib's tree of
 * @text would give.
 *
 * Returns: %FALSE when @text is left to json-glib and tsp_record_decode();
 *   @record then holds nothing of use
 */
gboolean
tsp_fast_json_decode (TspFastJson *self,
                      TspFormat    format,
                      const char  *text,
                      gsize        len,
                      TspRecord   *record)
{
  od::document doc;
  od::object root;
  const char *end;
  bool ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (format != TSP_FORMAT_SEGMENT || text == NULL)
    return FALSE;

  /* raw control characters: json-glib takes some, simdjson others */
  for (gsize i = 0; i < len; i++)
    if ((guchar) text[i] < 0x20)
      return FALSE;

  self->buf.resize (len + simdjson::SIMDJSON_PADDING);
  memcpy (&self->buf[0], text, len);
  self->keys.clear ();
  tsp_record_reset (record);

  if (self->parser.iterate (self->buf.data (), len, self->buf.size ()).get (doc) ||
      doc.get_object ().get (root))
    return FALSE;
  ok = decode_segment (self, root, record);
  /* nothing after the object */
  ok = ok && doc.current_location ().get (end) == simdjson::OUT_OF_BOUNDS;
  if (!ok)
    tsp_record_reset (record);
  return ok;
}
