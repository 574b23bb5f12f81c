#!/usr/bin/env python3
"""The X display's windows, seen from outside the app, for the end-to-end
tests (plain libX11 through ctypes, no extra package):

    xwindows.py list            one line per window with a title: id, title
    xwindows.py close TITLE     asks the window whose title contains TITLE to
                                close, as a window manager's close button
                                does (WM_DELETE_WINDOW); exit 1 if none
    xwindows.py type TITLE TEXT gives the window whose title contains TITLE
                                the keyboard and types Ctrl+L, TEXT and Enter
                                into it as a hand would (XTest): a native file
                                dialog's location; exit 1 if none
"""

import ctypes
import ctypes.util
import sys
import time

X11 = ctypes.cdll.LoadLibrary(ctypes.util.find_library("X11") or "libX11.so.6")
X11.XOpenDisplay.restype = ctypes.c_void_p
X11.XOpenDisplay.argtypes = [ctypes.c_char_p]
X11.XDefaultRootWindow.restype = ctypes.c_ulong
X11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
X11.XInternAtom.restype = ctypes.c_ulong
X11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
X11.XQueryTree.argtypes = [
    ctypes.c_void_p,
    ctypes.c_ulong,
    ctypes.POINTER(ctypes.c_ulong),
    ctypes.POINTER(ctypes.c_ulong),
    ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)),
    ctypes.POINTER(ctypes.c_uint),
]
X11.XGetWindowProperty.argtypes = [
    ctypes.c_void_p,
    ctypes.c_ulong,
    ctypes.c_ulong,
    ctypes.c_long,
    ctypes.c_long,
    ctypes.c_int,
    ctypes.c_ulong,
    ctypes.POINTER(ctypes.c_ulong),
    ctypes.POINTER(ctypes.c_int),
    ctypes.POINTER(ctypes.c_ulong),
    ctypes.POINTER(ctypes.c_ulong),
    ctypes.POINTER(ctypes.POINTER(ctypes.c_ubyte)),
]
X11.XFree.argtypes = [ctypes.c_void_p]
X11.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long, ctypes.c_void_p]
X11.XFlush.argtypes = [ctypes.c_void_p]
X11.XSetInputFocus.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_ulong]
X11.XStringToKeysym.restype = ctypes.c_ulong
X11.XStringToKeysym.argtypes = [ctypes.c_char_p]
X11.XKeysymToKeycode.restype = ctypes.c_ubyte
X11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
X11.XRaiseWindow.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
X11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]


class XWindowAttributes(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int), ("height", ctypes.c_int), ("pad", ctypes.c_long * 32)]


X11.XGetWindowAttributes.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(XWindowAttributes)]
X11.XTranslateCoordinates.argtypes = [
    ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
    ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_ulong),
]
XTST = ctypes.cdll.LoadLibrary(ctypes.util.find_library("Xtst") or "libXtst.so.6")
XTST.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
XTST.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_ulong]

# Key names of the characters a path holds that are not their own keysym name.
KEYSYMS = {"/": "slash", "-": "minus", ".": "period", "_": "underscore", " ": "space", ":": "colon", "~": "asciitilde"}
SHIFTED = set("_:~") | set("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def key(dpy, name, shift=False, ctrl=False):
    """Presses and lets go of the key `name` (a keysym name), with Shift or Ctrl held."""
    code = X11.XKeysymToKeycode(dpy, X11.XStringToKeysym(name.encode()))
    mods = [X11.XKeysymToKeycode(dpy, X11.XStringToKeysym(m)) for m, on in ((b"Shift_L", shift), (b"Control_L", ctrl)) if on]
    for m in mods:
        XTST.XTestFakeKeyEvent(dpy, m, 1, 0)
    XTST.XTestFakeKeyEvent(dpy, code, 1, 0)
    XTST.XTestFakeKeyEvent(dpy, code, 0, 0)
    for m in reversed(mods):
        XTST.XTestFakeKeyEvent(dpy, m, 0, 0)
    X11.XSync(dpy, 0)
    time.sleep(0.02)


def type_into(dpy, window, text):
    """Points at `window`, gives it the keyboard, and types Ctrl+L, `text`, Enter."""
    attrs = XWindowAttributes()
    X11.XGetWindowAttributes(dpy, window, ctypes.byref(attrs))
    x, y, child = ctypes.c_int(), ctypes.c_int(), ctypes.c_ulong()
    X11.XTranslateCoordinates(dpy, window, X11.XDefaultRootWindow(dpy), 0, 0, ctypes.byref(x), ctypes.byref(y), ctypes.byref(child))
    XTST.XTestFakeMotionEvent(dpy, -1, x.value + attrs.width // 2, y.value + 12, 0)
    X11.XRaiseWindow(dpy, window)
    X11.XSetInputFocus(dpy, window, 2, 0)
    X11.XSync(dpy, 0)
    time.sleep(0.3)
    key(dpy, "l", ctrl=True)
    time.sleep(0.3)
    for c in text:
        key(dpy, KEYSYMS.get(c, c), shift=c in SHIFTED)
    time.sleep(0.2)
    key(dpy, "Return")

CLIENT_MESSAGE = 33


class ClientMessage(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", ctypes.c_ulong),
        ("message_type", ctypes.c_ulong),
        ("format", ctypes.c_int),
        ("data", ctypes.c_long * 5),
    ]


class XEvent(ctypes.Union):
    _fields_ = [("xclient", ClientMessage), ("pad", ctypes.c_long * 24)]


def title(dpy, window, net_wm_name):
    kind, fmt = ctypes.c_ulong(), ctypes.c_int()
    count, after = ctypes.c_ulong(), ctypes.c_ulong()
    data = ctypes.POINTER(ctypes.c_ubyte)()
    ok = X11.XGetWindowProperty(
        dpy, window, net_wm_name, 0, 1024, 0, 0,
        ctypes.byref(kind), ctypes.byref(fmt), ctypes.byref(count), ctypes.byref(after), ctypes.byref(data),
    )
    if ok != 0 or not data:
        return None
    text = ctypes.string_at(data, count.value).decode("utf-8", "replace")
    X11.XFree(data)
    return text


def windows(dpy):
    """Every window with a title, depth first from the root."""
    net_wm_name = X11.XInternAtom(dpy, b"_NET_WM_NAME", 0)
    found, stack = [], [X11.XDefaultRootWindow(dpy)]
    while stack:
        w = stack.pop()
        name = title(dpy, w, net_wm_name)
        if name:
            found.append((w, name))
        root, parent = ctypes.c_ulong(), ctypes.c_ulong()
        children, n = ctypes.POINTER(ctypes.c_ulong)(), ctypes.c_uint()
        if X11.XQueryTree(dpy, w, ctypes.byref(root), ctypes.byref(parent), ctypes.byref(children), ctypes.byref(n)):
            stack.extend(children[i] for i in range(n.value))
            if children:
                X11.XFree(children)
    return found


def main(argv):
    dpy = X11.XOpenDisplay(None)
    if not dpy:
        print("no X display", file=sys.stderr)
        return 2
    if argv[1:2] == ["list"]:
        for w, name in windows(dpy):
            print(f"0x{w:x}\t{name}")
        return 0
    if argv[1:2] == ["close"] and len(argv) == 3:
        hits = [w for w, name in windows(dpy) if argv[2] in name]
        if not hits:
            print(f"no window titled like {argv[2]!r}", file=sys.stderr)
            return 1
        event = XEvent()
        event.xclient.type = CLIENT_MESSAGE
        event.xclient.window = hits[0]
        event.xclient.message_type = X11.XInternAtom(dpy, b"WM_PROTOCOLS", 0)
        event.xclient.format = 32
        event.xclient.data[0] = X11.XInternAtom(dpy, b"WM_DELETE_WINDOW", 0)
        X11.XSendEvent(dpy, hits[0], 0, 0, ctypes.byref(event))
        X11.XFlush(dpy)
        return 0
    if argv[1:2] == ["type"] and len(argv) == 4:
        hits = [w for w, name in windows(dpy) if argv[2] in name]
        if not hits:
            print(f"no window titled like {argv[2]!r}", file=sys.stderr)
            return 1
        type_into(dpy, hits[0], argv[3])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
