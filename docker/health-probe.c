/*
 * The production images' HEALTHCHECK. They have no shell and no curl; a JVM started for every
 * probe cost ~0.2 s of CPU each time, so the probe is this small static program instead (about a
 * millisecond). It exits 0 when GET http://127.0.0.1:<port><path> answers 2xx within two seconds,
 * and 1 otherwise, printing the status line or the error.
 *
 *   health-probe PORT_VARIABLE DEFAULT_PORT PATH     e.g. health-probe JESSY_PORT 8080 /health/ready
 *
 * The port comes from the environment variable named by the first argument (the one the service
 * itself reads), else the second argument: an exec-form HEALTHCHECK cannot expand variables.
 * Built static (gcc -static -Os) in the probe stage of docker/Dockerfile.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static const int TIMEOUT_SECONDS = 2;

static int fail(const char *url, const char *what) {
  printf("GET %s -> %s\n", url, what);
  return 1;
}

int main(int argc, char **argv) {
  if (argc != 4 || argv[3][0] != '/') {
    fprintf(stderr, "usage: health-probe PORT_VARIABLE DEFAULT_PORT /PATH\n");
    return 2;
  }
  const char *port_text = getenv(argv[1]);
  if (port_text == NULL || *port_text == '\0') {
    port_text = argv[2];
  }
  char *end;
  long port = strtol(port_text, &end, 10);
  if (*end != '\0' || port < 1 || port > 65535) {
    fprintf(stderr, "health-probe: %s is not a port: %s\n", argv[1], port_text);
    return 2;
  }
  char url[512];
  snprintf(url, sizeof url, "http://127.0.0.1:%ld%s", port, argv[3]);

  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) {
    return fail(url, strerror(errno));
  }
  struct timeval timeout = {.tv_sec = TIMEOUT_SECONDS};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) {
    return fail(url, strerror(errno));
  }

  char request[640];
  int length = snprintf(request, sizeof request,
                        "GET %s HTTP/1.1\r\nHost: 127.0.0.1:%ld\r\nUser-Agent: health-probe\r\n"
                        "Connection: close\r\n\r\n",
                        argv[3], port);
  if (send(fd, request, (size_t)length, 0) != length) {
    return fail(url, strerror(errno));
  }

  /* Only the status line matters: "HTTP/1.1 200 OK". */
  char response[64];
  size_t received = 0;
  while (received < sizeof response - 1) {
    ssize_t n = recv(fd, response + received, sizeof response - 1 - received, 0);
    if (n < 0) {
      return fail(url, errno == EAGAIN ? "timed out" : strerror(errno));
    }
    if (n == 0) {
      break;
    }
    received += (size_t)n;
    if (memchr(response, '\n', received) != NULL) {
      break;
    }
  }
  close(fd);
  response[received] = '\0';
  response[strcspn(response, "\r\n")] = '\0';
  int status = 0;
  if (sscanf(response, "HTTP/%*d.%*d %3d", &status) != 1) {
    return fail(url, received == 0 ? "no response" : "not HTTP");
  }
  printf("GET %s -> %s\n", url, response);
  return status >= 200 && status < 300 ? 0 : 1;
}
