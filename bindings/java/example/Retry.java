import iot.errorcodes.IotErrorCodes;
import iot.errorcodes.IotPlatformException;
import iot.errorcodes.Status;
import java.util.Arrays;
import java.util.Iterator;
import java.util.function.Supplier;

public class Retry {
    /** Sends a request (it returns the platform's retCode) until it succeeds, or throws. */
    public static void send(Supplier<String> request, Runnable logIn) throws InterruptedException {
        boolean reauthenticated = false;
        for (int attempt = 1; ; attempt++) {
            String retCode = request.get();
            if (IotErrorCodes.isSuccess(retCode)) {
                return;
            } else if (IotErrorCodes.isRetryable(retCode) && attempt < 4) {
                Thread.sleep(100L << attempt); // back off: 200, 400, 800 ms
            } else if (IotErrorCodes.status(retCode) == Status.UNAUTHENTICATED && !reauthenticated) {
                logIn.run(); // a new token, then the same request once more
                reauthenticated = true;
            } else {
                throw new IotPlatformException(retCode); // not worth sending again
            }
        }
    }

    /** The platform answers A00001 (retryable), then d00004 (log in again), then 00000. */
    public static void main(String[] args) throws InterruptedException {
        Iterator<String> answers = Arrays.asList("A00001", "d00004", "00000").iterator();
        send(answers::next, () -> System.out.println("logging in again"));
        System.out.println("done");
    }
}
