/*
 * The production images' HEALTHCHECK: they have a JRE but no shell and no curl, so this probe is
 * compiled into them instead (one class, java.base only). It exits 0 when
 * GET http://127.0.0.1:<port><path> answers 2xx within two seconds, and 1 otherwise.
 *
 *   java -cp /opt/jessy/probe HealthProbe JESSY_PORT 8080 /health/ready
 *
 * The port comes from the environment variable named by the first argument (the one the service
 * itself reads), else the second argument; an exec-form HEALTHCHECK cannot expand variables.
 */
import java.net.HttpURLConnection;
import java.net.URI;

public final class HealthProbe {

  private static final int TIMEOUT_MILLIS = 2000;

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: HealthProbe PORT_VARIABLE DEFAULT_PORT PATH");
      System.exit(2);
    }
    String port = System.getenv(args[0]);
    if (port == null || port.isBlank()) {
      port = args[1];
    }
    String url = "http://127.0.0.1:" + port.strip() + args[2];
    try {
      HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
      connection.setConnectTimeout(TIMEOUT_MILLIS);
      connection.setReadTimeout(TIMEOUT_MILLIS);
      int status = connection.getResponseCode();
      System.out.println("GET " + url + " -> " + status);
      System.exit(status >= 200 && status < 300 ? 0 : 1);
    } catch (Exception e) {
      System.out.println("GET " + url + " -> " + e);
      System.exit(1);
    }
  }
}
