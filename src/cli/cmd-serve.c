/* sverka serve: the memory over HTTP for the review page and CAT tools; runs
 * until SIGINT or SIGTERM. */
#include "cli/cli.h"

#include <getopt.h>
#include <pthread.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "serve/serve.h"


#define SERVE_UPLOAD_MAX_MB 512

/* The page's folder: the source tree's web/ in a build, else the installed one. */
static const char *default_web(void)
{
	struct stat sb;
	if (!stat(SV_SOURCE_ROOT "/web/index.html", &sb))
		return SV_SOURCE_ROOT "/web";
	return SV_DATADIR "/web";
}

/* --hash-password: a password from the first line of standard input to a
 * hash for a --users line. */
static int hash_password(struct sv_cli *cli)
{
	char line[1024], hash[SV_SERVE_HASH_MAX];
	struct sv_error err = { 0 };
	if (!fgets(line, sizeof(line), stdin))
		return cli_usage(cli, "--hash-password reads the password from standard input");
	line[strcspn(line, "\r\n")] = '\0';
	if (!*line)
		return cli_usage(cli, "an empty password");
	if (sv_serve_hash_password(line, hash, &err))
		return cli_fail(cli, &err);
	printf("%s\n", hash);
	return 0;
}

int cmd_serve(struct sv_cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "users", required_argument, NULL, 'u' },
		{ "web", required_argument, NULL, 'w' },
		{ "threads", required_argument, NULL, 't' },
		{ "max-upload", required_argument, NULL, 'm' },
		{ "hash-password", no_argument, NULL, 'H' },
		{ NULL, 0, NULL, 0 },
	};
	struct sv_serve_opts so = { .memory = cli->memory, .listen = "127.0.0.1:8080",
				    .web = default_web() };
	long n;
	int c, hash = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'l': so.listen = optarg; break;
		case 'u': so.users = optarg; break;
		case 'w': so.web = optarg; break;
		case 't':
			if (cli_opt_long(cli, "--threads", optarg, 1, 64, &n))
				return SV_EUSAGE;
			so.threads = (unsigned)n;
			break;
		case 'm':
			if (cli_opt_long(cli, "--max-upload", optarg, 1, SERVE_UPLOAD_MAX_MB, &n))
				return SV_EUSAGE;
			so.max_body = (size_t)n << 20;
			break;
		case 'H': hash = 1; break;
		default: return cli_usage(cli, "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (hash)
		return hash_password(cli);
	if (optind < argc)
		return cli_usage(cli, "serve takes no arguments, not '%s'", argv[optind]);
	struct stat sb;
	if (stat(cli->memory, &sb))
		return cli_usage(cli, "no memory '%s': make one with sverka add and align",
				 cli->memory);
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len <= 0)
		return cli_usage(cli, "cannot find the sverka binary through /proc/self/exe");
	exe[len] = '\0';
	so.exe = exe;

	/* The workers inherit the mask: only sigwait below sees the signals. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	struct sv_error err = { 0 };
	struct sv_serve *sv = NULL;
	if (sv_serve_start(&so, &sv, &err)) {
		if (err.code == SV_EUSAGE)
			return cli_usage(cli, "%s", err.msg);
		return cli_fail(cli, &err);
	}
	char host[64];
	const char *colon = strrchr(so.listen, ':');
	snprintf(host, sizeof(host), "%.*s", (int)(colon - so.listen), so.listen);
	printf("sverka serve: http://%s:%u/ (memory %s%s); stop with Ctrl-C\n", host,
	       sv_serve_port(sv), cli->memory, so.users ? ", logins required" : "");
	fflush(stdout);
	int sig;
	sigwait(&stop, &sig);
	sv_serve_stop(sv);
	if (!cli->quiet)
		fprintf(stderr, "sverka serve: stopped\n");
	return 0;
}
