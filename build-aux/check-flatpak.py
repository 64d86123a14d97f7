#!/usr/bin/env python3
# check-flatpak.py — the Flatpak manifests in flatpak/ parse and build
# Touchstone on the GNOME 43 runtime (GTK 4.8, libadwaita 1.2): each names the
# app id the desktop entry and metainfo are installed under, every module
# has sources, every source says where it comes from and pins what it takes
# (a git tag or commit, an archive's sha256), and the modules cover every
# library meson.build depends on that the runtime does not ship.
#
#   check-flatpak.py SOURCE_ROOT
#
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import pathlib
import re
import sys

RUNTIME = 'org.gnome.Platform'
SDK = 'org.gnome.Sdk'
RUNTIME_VERSION = '43'

# pkg-config names of meson.build's dependencies that org.gnome.Platform 43
# (on org.freedesktop.Platform 22.08) ships
RUNTIME_PROVIDES = {
    'glib-2.0', 'gobject-2.0', 'gio-2.0', 'gmodule-2.0', 'threads',
    'json-glib-1.0', 'sqlite3',
    'gtk4', 'libadwaita-1', 'cairo', 'cairo-png', 'cairo-svg', 'cairo-pdf', 'pangocairo',
}
# the module that builds each library the runtime lacks
MODULE_FOR = {
    'libpeas-1.0': 'libpeas',
    'libarchive': 'libarchive',
    'simdjson': 'simdjson',
}
# source types and what each must carry
PINS = {
    'git': (('url',), ('tag', 'commit')),
    'archive': (('url', 'sha256'), ()),
    'file': (('sha256',), ()),
    'dir': (('path',), ()),
    'patch': (('path',), ()),
    'shell': (('commands',), ()),
}

problems = []


def problem(path, where, message):
    problems.append(f'{path}: {where}: {message}')


def meson_dependencies(top):
    # the top meson.build's, and those a part of the tree adds (plugins, src);
    # tests/ is left out: its dependencies are not built into the app
    files = [top / 'meson.build']
    for part in ('src', 'plugins'):
        files += sorted((top / part).rglob('meson.build'))
    deps = set()
    for f in files:
        deps.update(re.findall(r"\bdependency\(\s*'([^']+)'", f.read_text(encoding='utf-8')))
    return sorted(deps)


def meson_version(top):
    text = (top / 'meson.build').read_text(encoding='utf-8')
    m = re.search(r"^\s*version: '([^']+)'", text, re.M)
    return m.group(1) if m else None


def meson_app_id(top):
    text = (top / 'meson.build').read_text(encoding='utf-8')
    m = re.search(r"app_id = get_option\('development'\) \? '([^']+)' : '([^']+)'", text)
    if not m:
        problems.append('meson.build: no app_id = get_option(\'development\') ? DEVEL : RELEASE')
        return None, None
    return m.group(1), m.group(2)


def check_source(path, where, source):
    if not isinstance(source, dict):
        if not isinstance(source, str):
            problem(path, where, 'a source is an object (or the name of a JSON file of sources)')
        return
    kind = source.get('type')
    if kind is None:
        problem(path, where, 'the source has no "type"')
        return
    if kind not in PINS:
        problem(path, where, f'unknown source type "{kind}" (known: {", ".join(sorted(PINS))})')
        return
    required, one_of = PINS[kind]
    if kind == 'file' and 'path' in source:
        required = ('path',)
    for key in required:
        if not source.get(key):
            problem(path, where, f'{"an" if kind[0] in "aeiou" else "a"} {kind} source needs "{key}"')
    if one_of and not any(source.get(key) for key in one_of):
        choices = ' or '.join(f'"{key}"' for key in one_of)
        problem(path, where, f'{"an" if kind[0] in "aeiou" else "a"} {kind} source needs {choices}')
    if 'url' in source and not str(source['url']).startswith('https://'):
        problem(path, where, f'"{source["url"]}" is not an https URL')


def check_manifest(top, path, app_ids):
    rel = path.relative_to(top)
    try:
        manifest = json.loads(path.read_text(encoding='utf-8'))
    except json.JSONDecodeError as e:
        problems.append(f'{rel}:{e.lineno}:{e.colno}: not JSON: {e.msg}')
        return
    if not isinstance(manifest, dict):
        problem(rel, '$', 'a manifest is a JSON object')
        return

    app_id = manifest.get('id', manifest.get('app-id'))
    devel_id, release_id = app_ids
    want = devel_id if path.name == f'{devel_id}.json' else release_id
    if path.name != f'{app_id}.json':
        problem(rel, '$.id', f'"{app_id}" is not the file\'s name ({path.name})')
    if want and app_id != want:
        problem(rel, '$.id', f'"{app_id}" is not the app id meson.build installs under ({want})')
    for key, value in (('runtime', RUNTIME), ('runtime-version', RUNTIME_VERSION), ('sdk', SDK)):
        if manifest.get(key) != value:
            problem(rel, f'$.{key}', f'"{manifest.get(key)}" where the target is "{value}"')
    if manifest.get('command') != 'touchstone':
        problem(rel, '$.command', 'the command is the app, "touchstone"')

    modules = manifest.get('modules')
    if not isinstance(modules, list) or not modules:
        problem(rel, '$.modules', 'a manifest builds at least one module')
        return
    names = []
    for i, module in enumerate(modules):
        where = f'$.modules[{i}]'
        if not isinstance(module, dict):
            problem(rel, where, 'a module is an object')
            continue
        names.append(module.get('name'))
        if not module.get('name'):
            problem(rel, where, 'the module has no "name"')
        sources = module.get('sources')
        if not isinstance(sources, list) or not sources:
            problem(rel, f'{where}.sources', f'module "{module.get("name")}" has no sources')
            continue
        for j, source in enumerate(sources):
            check_source(rel, f'{where}.sources[{j}]', source)

    if names[-1] != 'touchstone':
        problem(rel, '$.modules', 'the last module builds Touchstone itself, "touchstone"')
    else:
        opts = modules[-1].get('config-opts', [])
        development = '-Ddevelopment=true' in opts
        version = meson_version(top)
        for j, source in enumerate(modules[-1].get('sources', [])):
            if isinstance(source, dict) and source.get('type') == 'git' and source.get('tag') \
               and source['tag'] != f'v{version}':
                problem(rel, f'$.modules[{len(modules) - 1}].sources[{j}].tag',
                        f'"{source["tag"]}" is not the release meson.build declares (v{version})')
        if development != (app_id == devel_id):
            problem(rel, f'$.modules[{len(modules) - 1}].config-opts',
                    '-Ddevelopment=true goes with the .Devel id, and only with it')
    for dep in meson_dependencies(top):
        if dep in RUNTIME_PROVIDES:
            continue
        module = MODULE_FOR.get(dep)
        if module is None:
            problem(rel, '$.modules', f'meson.build depends on "{dep}": say whether {RUNTIME} '
                    f'{RUNTIME_VERSION} ships it or which module builds it (build-aux/check-flatpak.py)')
        elif module not in names[:-1]:
            problem(rel, '$.modules', f'{RUNTIME} {RUNTIME_VERSION} lacks "{dep}": '
                    f'a "{module}" module must build it before touchstone')


def main():
    top = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else '.').resolve()
    app_ids = meson_app_id(top)
    for id_ in app_ids:
        if id_ and not (top / 'flatpak' / f'{id_}.json').exists():
            problems.append(f'flatpak/{id_}.json: missing: every app id has a manifest')
    manifests = sorted((top / 'flatpak').glob('*.json'))
    for path in manifests:
        check_manifest(top, path, app_ids)
    for p in problems:
        print(p)
    if not problems:
        print(f'{len(manifests)} manifests: {", ".join(p.name for p in manifests)}')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
