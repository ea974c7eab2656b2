package codestral.lsp.bench;

import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Names the language's own library gives its common types and functions: a call {@code x.join(} or
 * {@code open(} with such a name may be the platform's, whatever the project defines, so without
 * the receiver's type the benchmark cannot tell which definition it calls. Python's and
 * JavaScript's lists were read from CPython 3 ({@code dir()} of str, bytes, list, dict, set, tuple,
 * int, float, re's Match and Pattern (names with a leading underscore left out), io's files,
 * logging's Logger, threading, socket, ssl, pathlib, os.path; the builtins) and Node ({@code
 * Object.getOwnPropertyNames} of the ES built-ins' prototypes and constructors, EventTarget,
 * AbortSignal, console; the global functions); Java's are read from the running JDK.
 */
final class PlatformNames {
  private PlatformNames() {}

  /** Methods of the platform's common types, by benchmark language family. */
  static Set<String> methods(String family) {
    return switch (family) {
      case "python" -> words(PYTHON_METHODS);
      case "typescript" -> words(JAVASCRIPT_METHODS);
      case "kotlin" -> union(javaMethods(), words(KOTLIN_METHODS));
      case "go" -> words(GO_METHODS);
      case "rust" -> words(RUST_METHODS);
      case "ruby" -> words(RUBY_METHODS);
      case "php" -> words(PHP_METHODS);
      default -> javaMethods();
    };
  }

  /**
   * Functions called bare: Python's builtins ({@code open(}), JavaScript's global functions and
   * constructors ({@code setTimeout(}, {@code Symbol(}), Java's methods every class inherits from
   * Object ({@code wait(}, {@code getClass(}).
   */
  static Set<String> functions(String family) {
    return switch (family) {
      case "python" -> words(PYTHON_BUILTINS);
      case "typescript" -> words(JAVASCRIPT_GLOBALS + " " + JAVASCRIPT_CONSTRUCTORS);
      case "kotlin" -> union(objectMethods(), words(KOTLIN_FUNCTIONS));
      case "go" -> words(GO_BUILTINS);
      case "rust" -> words(RUST_FUNCTIONS);
      case "ruby" -> union(words(RUBY_METHODS), words(RUBY_KERNEL));
      case "php" -> words(PHP_FUNCTIONS);
      default -> objectMethods();
    };
  }

  private static Set<String> union(Set<String> first, Set<String> second) {
    Set<String> names = new HashSet<>(first);
    names.addAll(second);
    return names;
  }

  // The lists below were written from the languages' standard library references: Kotlin's
  // kotlin.collections / kotlin.text / scope functions; Go's builtins and the methods of its
  // common standard types and interfaces (fmt.Stringer, error, io, bytes.Buffer, strings.Builder,
  // sync, reflect, time); Rust's Option, Result, Vec, slices, str, String, Iterator, HashMap and
  // the std traits; Ruby's Kernel, Object, String, Array, Hash, Enumerable, IO; PHP's common
  // functions (string, array, type and class functions) and the methods of its core classes.
  private static final String KOTLIN_METHODS =
      """
      let also apply run takeIf takeUnless map mapNotNull mapIndexed filter filterNot filterIsInstance
      forEach forEachIndexed first firstOrNull last lastOrNull single singleOrNull any all none count
      sum sumOf fold reduce joinToString toList toMutableList toSet toMutableSet toMap toTypedArray
      toString toInt toLong toByte toShort toChar toDouble toFloat orEmpty isNullOrEmpty isNotEmpty
      isNullOrBlank isBlank isNotBlank getOrNull getOrElse getOrPut getOrDefault plus minus times div
      rem inc dec compareTo rangeTo until downTo step contains indexOf lastIndexOf substring trim
      startsWith endsWith removePrefix removeSuffix replace split lines padStart padEnd repeat
      asSequence asIterable iterator hasNext next use invoke resume resumeWith cancel close
      coerceAtLeast coerceAtMost coerceIn copyOf copyOfRange copyInto fill sorted sortedBy reversed
      withIndex zip flatMap flatten distinct groupBy associate associateBy chunked windowed drop
      take dropLast takeLast onEach also ifEmpty plusAssign minusAssign add addAll remove removeAll
      clear put putAll get set size isEmpty checkNotNull requireNotNull
      """;

  private static final String KOTLIN_FUNCTIONS =
      """
      listOf mutableListOf arrayListOf setOf mutableSetOf hashSetOf mapOf mutableMapOf hashMapOf
      arrayOf arrayOfNulls emptyList emptySet emptyMap emptyArray sequenceOf sequence iterator lazy
      require requireNotNull check checkNotNull error TODO println print repeat run with synchronized
      maxOf minOf assert buildString buildList buildMap intArrayOf longArrayOf byteArrayOf charArrayOf
      booleanArrayOf doubleArrayOf floatArrayOf shortArrayOf also let apply takeIf suspendCoroutine
      suspendCancellableCoroutine runCatching Result
      """;

  private static final String GO_BUILTINS =
      "append cap clear close complex copy delete imag len make max min new panic print println real recover";

  private static final String GO_METHODS =
      """
      String Error Unwrap Is As Read Write Close Seek ReadByte ReadRune WriteByte WriteRune
      WriteString ReadString ReadFrom WriteTo Len Cap Less Swap Reset Bytes Grow Truncate Flush
      Lock Unlock RLock RUnlock Wait Add Done Do Load Store Swap CompareAndSwap Range Delete
      LoadOrStore Get Set Del Values Value Interface Kind Type Elem Field NumField Index MapIndex
      MapKeys IsNil IsValid IsZero Int Uint Float Bool Call Method NumMethod Name PkgPath Format
      Fprintf Printf Sprintf Println Errorf Now Since Sub Before After Equal Unix Duration Seconds
      Context Deadline Err Next Scan Text Split Fields Join Contains HasPrefix HasSuffix TrimSpace
      """;

  private static final String RUST_FUNCTIONS = "drop forget replace swap take identity";

  private static final String RUST_METHODS =
      """
      clone clone_from to_owned to_string to_vec into from try_into try_from as_ref as_mut borrow
      borrow_mut deref deref_mut default eq ne cmp partial_cmp hash fmt write_str write_fmt write_char
      unwrap unwrap_or unwrap_or_else unwrap_or_default expect is_some is_none is_ok is_err ok err map
      map_err map_or map_or_else and_then or_else ok_or ok_or_else filter take replace get_or_insert
      get_or_insert_with as_deref as_deref_mut iter iter_mut into_iter next next_back peek collect
      count last nth skip step_by chain zip enumerate rev fold any all find find_map position max min
      sum product flat_map flatten filter_map take_while skip_while cloned copied by_ref for_each
      len is_empty push pop insert remove clear truncate extend extend_from_slice drain retain dedup
      sort sort_by sort_by_key sort_unstable binary_search contains starts_with ends_with split_at
      split_off first last get get_mut swap reverse windows chunks concat join as_slice as_mut_slice
      as_ptr capacity reserve with_capacity new as_str as_bytes chars char_indices bytes lines split
      splitn rsplit matches match_indices trim trim_start trim_end parse find rfind to_lowercase to_uppercase
      to_ascii_lowercase to_ascii_uppercase is_ascii push_str repeat entry or_insert or_insert_with
      contains_key keys values values_mut checked_add checked_sub checked_mul saturating_sub
      wrapping_add abs min max pow lock read write send recv
      """;

  private static final String RUBY_KERNEL =
      """
      puts print p pp require require_relative load raise fail loop lambda proc format sprintf
      printf gets sleep rand srand exit abort at_exit catch throw binding block_given? caller
      Integer Float String Array Hash Rational Complex warn open system spawn
      """;

  private static final String RUBY_METHODS =
      """
      new initialize to_s to_str to_sym to_i to_f to_a to_h to_proc inspect class is_a? kind_of?
      instance_of? respond_to? send public_send method methods instance_variable_get
      instance_variable_set instance_variables define_method extend include freeze frozen? dup clone
      tap then nil? hash eql? equal? each each_with_index each_with_object map collect select filter
      reject find detect find_index inject reduce sum min max min_by max_by sort sort_by group_by
      partition zip flat_map first last take drop take_while drop_while any? all? none? count size
      length empty? include? member? push pop shift unshift insert delete delete_at delete_if compact
      flatten uniq reverse join split strip lstrip rstrip chomp chop gsub sub match start_with?
      end_with? upcase downcase capitalize center ljust rjust index rindex slice fetch store key?
      keys values values_at merge update dig each_pair each_key each_value transform_values transform_keys
      read write close call yield_self freeze concat replace clear fill concat
      """;

  private static final String PHP_FUNCTIONS =
      """
      count strlen strpos stripos strrpos substr str_replace str_repeat str_pad sprintf printf
      implode explode trim rtrim ltrim strtolower strtoupper ucfirst lcfirst array_map array_filter
      array_keys array_values array_merge array_slice array_splice array_search array_key_exists
      in_array array_shift array_unshift array_push array_pop array_reverse array_unique array_flip
      array_fill array_combine array_diff array_intersect array_walk array_reduce array_column
      usort uasort uksort sort ksort rsort max min abs floor ceil round intval floatval strval
      boolval is_array is_string is_int is_bool is_null is_object is_callable is_numeric isset
      unset empty get_class get_parent_class method_exists property_exists class_exists
      interface_exists function_exists defined constant define json_encode json_decode
      preg_match preg_match_all preg_replace preg_replace_callback preg_split preg_quote
      file_get_contents file_put_contents fopen fclose fwrite fread fgets feof is_file is_dir
      file_exists mkdir dirname basename realpath getenv putenv iterator_to_array call_user_func
      call_user_func_array func_get_args mb_strlen mb_substr mb_strwidth mb_convert_encoding
      mb_detect_encoding str_contains str_starts_with str_ends_with wordwrap htmlspecialchars
      trigger_error sprintf vsprintf number_format microtime time date hrtime array_key_last
      array_key_first spl_object_hash spl_object_id stream_get_meta_data stream_isatty
      posix_isatty sapi_windows_vt100_support ob_start ob_get_clean shell_exec exec proc_open
      """;

  private static final String PHP_METHODS =
      """
      __construct __toString __invoke __get __set __call getMessage getCode getPrevious getFile
      getLine getTrace getTraceAsString getIterator offsetGet offsetSet offsetExists offsetUnset
      count current key next rewind valid format getName getValue getDocComment
      newInstance invoke invokeArgs getParameters
      """;

  private static Set<String> objectMethods() {
    Set<String> names = new HashSet<>();
    for (Method method : Object.class.getDeclaredMethods()) {
      names.add(method.getName());
    }
    return names;
  }

  private static final String JAVASCRIPT_CONSTRUCTORS =
      "Array Boolean Date Error Map Number Object Promise Proxy RangeError RegExp Set String Symbol TypeError WeakMap WeakSet";

  private static Set<String> javaMethods() {
    Set<String> names = new HashSet<>();
    for (Class<?> type :
        List.<Class<?>>of(
            Object.class,
            String.class,
            StringBuilder.class,
            StringBuffer.class,
            CharSequence.class,
            Class.class,
            Thread.class,
            Number.class,
            Integer.class,
            Long.class,
            Short.class,
            Byte.class,
            Double.class,
            Float.class,
            Boolean.class,
            Character.class,
            Enum.class,
            Throwable.class,
            Iterable.class,
            java.util.Collection.class,
            java.util.List.class,
            java.util.Set.class,
            java.util.NavigableSet.class,
            java.util.Map.class,
            java.util.NavigableMap.class,
            java.util.Map.Entry.class,
            java.util.Iterator.class,
            java.util.Optional.class,
            java.util.stream.Stream.class,
            java.util.stream.IntStream.class,
            java.util.regex.Matcher.class,
            java.util.regex.Pattern.class,
            java.lang.reflect.Method.class,
            java.lang.reflect.Field.class,
            java.lang.reflect.Constructor.class,
            java.lang.reflect.TypeVariable.class,
            java.lang.reflect.ParameterizedType.class,
            java.util.concurrent.Future.class,
            java.util.concurrent.ExecutorService.class,
            java.util.Calendar.class,
            java.util.TimeZone.class,
            java.util.Locale.class,
            java.text.SimpleDateFormat.class,
            java.io.InputStream.class,
            java.io.OutputStream.class,
            java.io.Reader.class,
            java.io.Writer.class,
            java.io.File.class)) {
      for (Method method : type.getMethods()) {
        names.add(method.getName());
      }
    }
    return names;
  }

  private static Set<String> words(String text) {
    return Set.copyOf(List.of(text.strip().split("\\s+")));
  }

  private static final String PYTHON_METHODS =
      """
          absolute abspath accept acquire acquire_lock add addFilter addHandler add_note altsep anchor
          append appendleft args as_integer_ratio as_posix as_uri basename bind bit_count bit_length
          buffer callHandlers capitalize casefold center cert_store_stats check_hostname chmod cipher
          clear close closed commonpath commonprefix compression conjugate connect connect_ex context
          copy count critical curdir cwd daemon debug decode defpath denominator detach devnull
          difference difference_update dirname discard do_handshake drive dup encode encoding end endpos
          endswith error errors exception exists expand expandtabs expanduser expandvars extend
          extendleft extsep family fatal fileno filter find findCaller findall finditer flags flush
          format format_map from_bytes fromhex fromkeys fullmatch genericpath get getChild
          getEffectiveLevel getName get_ca_certs get_channel_binding get_ciphers get_inheritable getatime
          getblocking getbuffer getctime getmtime getpeercert getpeername getsize getsockname getsockopt
          gettimeout getvalue glob group groupdict groupindex groups handle hardlink_to hasHandlers hex
          home hostname_checks_common_name ident imag index info insert intersection intersection_update
          isDaemon isEnabledFor is_absolute is_alive is_block_device is_char_device is_dir is_fifo
          is_file is_integer is_mount is_relative_to is_reserved is_socket is_symlink isabs isalnum
          isalpha isascii isatty isdecimal isdigit isdir isdisjoint isfile isidentifier islink islower
          ismount isnumeric isprintable isspace issubset issuperset istitle isupper items iterdir join
          joinpath keylog_filename keys lastgroup lastindex lchmod lexists line_buffering link_to listen
          ljust load_cert_chain load_default_certs load_dh_params load_verify_locations locked
          locked_lock log lower lstat lstrip makeRecord makefile maketrans manager match maximum_version
          maxlen minimum_version mkdir mode move_to_end name native_id newlines normcase normpath
          num_tickets numerator open options os owner pardir parent parents partition parts pathsep
          pattern peek pending pop popitem popleft pos post_handshake_auth proto protocol raw re read
          read1 read_bytes read_text readable readinto readinto1 readline readlines readlink real
          realpath reconfigure recv recv_into recvfrom recvfrom_into recvmsg recvmsg_into regs
          relative_to release release_lock relpath remove removeFilter removeHandler removeprefix
          removesuffix rename replace resolve reverse rfind rglob rindex rjust rmdir root rotate
          rpartition rsplit rstrip run samefile sameopenfile samestat scanner search security_level seek
          seekable selected_alpn_protocol selected_npn_protocol send sendall sendfile sendmsg
          sendmsg_afalg sendto sep session session_reused session_stats setDaemon setLevel setName
          set_alpn_protocols set_ciphers set_default_verify_paths set_ecdh_curve set_inheritable
          set_npn_protocols set_servername_callback setblocking setdefault setsockopt settimeout
          shared_ciphers shutdown sni_callback sort span split splitdrive splitext splitlines
          sslobject_class sslsocket_class start startswith stat stem string strip sub subn suffix
          suffixes supports_unicode_filenames swapcase symlink_to symmetric_difference
          symmetric_difference_update sys tell timeout title to_bytes touch translate truncate type union
          unlink unwrap update upper values verify_client_post_handshake verify_flags verify_mode version
          warn warning with_name with_stem with_suffix with_traceback wrap_bio wrap_socket writable write
          write_bytes write_text write_through writelines zfill
      """;

  private static final String PYTHON_BUILTINS =
      """
          abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod
          compile complex copyright credits delattr dict dir divmod enumerate eval exec exit filter float
          format frozenset getattr globals hasattr hash help hex id input int isinstance issubclass iter
          len license list locals map max memoryview min next object oct open ord pow print property quit
          range repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars
          zip
      """;

  private static final String JAVASCRIPT_METHODS =
      """
          Console abort abs acos acosh add addEventListener all allSettled anchor any apply asin asinh
          assert assign at atan atan2 atanh big bind blink bold call catch cbrt ceil charAt charCodeAt
          clear clz32 codePointAt compile concat constructor context copyWithin cos cosh count countReset
          create createTask debug defineProperties defineProperty delete dir dirxml dispatchEvent
          endsWith entries error every exec exp expm1 fill filter finally find findIndex findLast
          findLastIndex fixed flat flatMap floor fontcolor fontsize for forEach freeze from fromCharCode
          fromCodePoint fromEntries fround get getDate getDay getFullYear getHours getMilliseconds
          getMinutes getMonth getOwnPropertyDescriptor getOwnPropertyDescriptors getOwnPropertyNames
          getOwnPropertySymbols getPrototypeOf getSeconds getTime getTimezoneOffset getUTCDate getUTCDay
          getUTCFullYear getUTCHours getUTCMilliseconds getUTCMinutes getUTCMonth getUTCSeconds getYear
          group groupCollapsed groupEnd has hasOwn hasOwnProperty hypot imul includes indexOf info is
          isArray isExtensible isFinite isFrozen isInteger isNaN isPrototypeOf isSafeInteger isSealed
          isWellFormed italics join keyFor keys lastIndexOf link localeCompare log log10 log1p log2 map
          match matchAll max min normalize of padEnd padStart parse parseFloat parseInt pop pow
          preventExtensions profile profileEnd propertyIsEnumerable push race random raw reduce
          reduceRight reject removeEventListener repeat replace replaceAll resolve reverse round seal
          search set setDate setFullYear setHours setMilliseconds setMinutes setMonth setPrototypeOf
          setSeconds setTime setUTCDate setUTCFullYear setUTCHours setUTCMilliseconds setUTCMinutes
          setUTCMonth setUTCSeconds setYear shift sign sin sinh slice small some sort splice split sqrt
          startsWith strike stringify sub substr substring sup table tan tanh test then throwIfAborted
          time timeEnd timeLog timeStamp toDateString toExponential toFixed toGMTString toISOString
          toJSON toLocaleDateString toLocaleLowerCase toLocaleString toLocaleTimeString toLocaleUpperCase
          toLowerCase toPrecision toReversed toSorted toSpliced toString toTimeString toUTCString
          toUpperCase toWellFormed trace trim trimEnd trimLeft trimRight trimStart trunc unshift valueOf
          values warn with
      """;

  private static final String JAVASCRIPT_GLOBALS =
      """
          atob btoa clearImmediate clearInterval clearTimeout decodeURI decodeURIComponent encodeURI
          encodeURIComponent escape eval fetch isFinite isNaN parseFloat parseInt queueMicrotask
          setImmediate setInterval setTimeout structuredClone unescape
      """;
}
