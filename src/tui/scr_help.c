/*
 * scr_help.c -- every key, in one list (doc/roamscope.1 has the same).
 */
#include "config.h"

#include <stdio.h>

#include <curses.h>

#include "tui_int.h"

static const char *const help[] = {
	"Moving",
	"  Up/Down, k/j      move the selection",
	"  PgUp/PgDn         a page up/down",
	"  Home/End, g/G     first/last row",
	"  Tab               switch between the clients and the lower pane",
	"  Enter, Right      drill down: client -> its roams -> the roam's",
	"                    frames -> one frame's fields and bytes; on a",
	"                    collapsed row (x168) it expands the run",
	"  Esc, Backspace    back up a level (on the clients pane: clear",
	"                    the filter)",
	"",
	"Failures and roams",
	"  n / N             the next (older) / previous (newer) failed or",
	"                    WARN roam of any client",
	"  r                 lower pane: recent roams of every client (newest",
	"                    first; the default once several clients roam)",
	"                    or the selected client's roams",
	"  f                 follow the selected client: its roams below, the",
	"                    newest selected as they come; f again unpins",
	"  e                 expand / collapse a run of identical failures",
	"  /                 filter as you type: MAC, vendor, SSID, AP,",
	"                    method (FT-ODS, PSK, ...), status name, or the",
	"                    words fail / warn; Enter keeps it, Esc clears",
	"",
	"Views",
	"  a                 access points by SSID, ESS inconsistencies marked;",
	"                    Enter: one AP (roams in/out, beacon, changes)",
	"  m                 roam matrix: AP x AP roams, failures, median ms",
	"  ?, F1             this help",
	"",
	"Actions",
	"  w                 write the selected roam's frames to",
	"                    roamscope-<client>-<time>.pcapng, with +-10 s of",
	"                    the client's frames and the APs' beacons, each",
	"                    frame's original number in a comment",
	"  c                 a Wireshark display filter for the roam",
	"  t                 frames and detail: times from the roam's start",
	"  f (frame detail)  Wireshark field names",
	"  space, p          pause/resume the view (capture goes on; the",
	"                    header counts the frames, roams and FAILs that",
	"                    arrived while paused)",
	"  s                 sort clients: first seen, recent, MAC, roams,",
	"                    failures, RSSI",
	"  b                 bell on a failed roam on/off",
	"  Ctrl-L            redraw the screen",
	"  q                 quit",
	"",
	"Columns",
	"  CAPS k v r w      what the client's (re)association request",
	"                    offered: k 802.11k (RM capabilities), v 802.11v",
	"                    (BSS transition), r 802.11r (Mobility Domain),",
	"                    w PMF (802.11w, MFP capable); - not offered,",
	"                    ? no request seen yet",
	"  HEARD             seconds since the client was last heard",
	"  J#1, #1           joins and roams, each numbered from 1 per client",
	"",
	" Swimlane: one lane per phase (11k neighbor report, 11v BTM, 11r FT",
	" auth or FT action over the DS, (re)association, 802.1X, 4-way,",
	" first data) on a shared time axis; green ok, yellow WARN, red FAIL",
	" or refused (status by its IEEE name).  An unanswered request is",
	" \"pending\" while the roam goes on, \"response not captured\" when",
	" what followed shows the AP answered, else \"no response\".",
	" Thresholds: --sla FILE.",
};

#define NHELP	(sizeof help / sizeof help[0])

void
help_move(struct tui *t, long d, bool absolute)
{
	long	r;

	r = absolute ? (d < 0 ? (long)NHELP - 1 : d) : (long)t->help_top + d;
	if (r < 0)
		r = 0;
	if (r >= (long)NHELP)
		r = (long)NHELP - 1;
	t->help_top = (size_t)r;
}

void
help_draw(struct tui *t, int y, int h)
{
	size_t	i;
	int	row;

	tui_hline(t, y, 0, t->cols, TA_TITLE, "HELP: keys");
	for (row = 1; row < h; row++) {
		i = t->help_top + (size_t)(row - 1);
		if (i >= NHELP)
			break;
		tui_put(t, y + row, 1, t->cols - 1, help[i][0] != ' ' &&
		    help[i][0] != '\0' ? TA_TITLE : TA_NORMAL, help[i]);
	}
}
