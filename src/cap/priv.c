/*
 * priv.c -- -Z USER: root dropped once captures are open.
 *
 * Interfaces we created must still be deleted after the drop, which needs
 * CAP_NET_ADMIN.  We keep exactly that one capability across setuid
 * (PR_SET_KEEPCAPS, then capset through the raw syscall: no libcap), and
 * only when -m created something; otherwise every capability goes.
 */
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/types.h>

#include <linux/capability.h>

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cap/cap_int.h"
#include "rs.h"

static int
keep_net_admin(void)
{
	struct __user_cap_header_struct	 hdr;
	struct __user_cap_data_struct	 data[2];

	memset(&hdr, 0, sizeof hdr);
	memset(data, 0, sizeof data);
	hdr.version = _LINUX_CAPABILITY_VERSION_3;
	hdr.pid = 0;
	data[0].effective = data[0].permitted = 1u << CAP_NET_ADMIN;
	return (int)syscall(SYS_capset, &hdr, data);
}

/* sudo's SUDO_UID and SUDO_GID, when both are there and numbers. */
static bool
invoking_ids(uid_t *uid, gid_t *gid)
{
	const char		*u = getenv("SUDO_UID");
	const char		*g = getenv("SUDO_GID");
	char			*end;
	unsigned long		 vu, vg;

	if (u == NULL || g == NULL || *u == '\0' || *g == '\0')
		return false;
	errno = 0;
	vu = strtoul(u, &end, 10);
	if (errno != 0 || *end != '\0' || vu > UINT32_MAX - 1)
		return false;
	vg = strtoul(g, &end, 10);
	if (errno != 0 || *end != '\0' || vg > UINT32_MAX - 1)
		return false;
	*uid = (uid_t)vu;
	*gid = (gid_t)vg;
	return true;
}

/* Whether -m created an interface that is still there. */
static bool
have_monitors(const struct cap *c)
{
	size_t	 i;

	for (i = 0; c != NULL && i < c->nsrc; i++)
		if (c->src[i]->have_mon)
			return true;
	return false;
}

int
cap_drop_privileges(struct cap *c, const char *user, char *err,
    size_t errlen)
{
	struct passwd	*pw;
	uid_t		 uid;
	gid_t		 gid;
	int		 keep = have_monitors(c);

	if (user == NULL) {
		/* sudo without -Z: back to the invoking user */
		user = getenv("SUDO_USER");
		if (user == NULL || *user == '\0' ||
		    strcmp(user, "root") == 0 || geteuid() != 0)
			return 0;
	}
	if ((pw = getpwnam(user)) == NULL) {
		snprintf(err, errlen, "-Z %s: no such user", user);
		return RS_EXIT_USAGE;
	}
	if (geteuid() != 0) {
		if (geteuid() == pw->pw_uid)
			return 0;
		snprintf(err, errlen, "-Z %s: only root can change user",
		    user);
		return RS_EXIT_PERM;
	}
	/*
	 * -w was created before the drop: it belongs to the user who ran us,
	 * which under sudo is SUDO_UID/SUDO_GID (not necessarily USER); a
	 * plain root run keeps it root's.
	 */
	if (c != NULL && c->w != NULL && c->wpath[0] != '\0' &&
	    c->wfd_stdout == -1 && invoking_ids(&uid, &gid) &&
	    chown(c->wpath, uid, gid) == -1) {
		/* not fatal: the file stays root's */
	}
	if (keep && prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) == -1)
		keep = 0;
	if (initgroups(pw->pw_name, pw->pw_gid) == -1 ||
	    setgid(pw->pw_gid) == -1 || setuid(pw->pw_uid) == -1) {
		snprintf(err, errlen, "-Z %s: cannot change user: %s", user,
		    strerror(errno));
		return RS_EXIT_PERM;
	}
	if (pw->pw_uid != 0 && setuid(0) != -1) {
		snprintf(err, errlen, "-Z %s: could regain root", user);
		return RS_EXIT_PERM;
	}
	if (keep) {
		prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0);
		if (keep_net_admin() == -1) {
			snprintf(err, errlen, "-Z %s: cannot keep "
			    "CAP_NET_ADMIN to remove the monitor interfaces "
			    "later: %s", user, strerror(errno));
			return RS_EXIT_PERM;
		}
	}
	return 0;
}

