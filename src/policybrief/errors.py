"""Errors meant for a user: they name the file, the place and what to do."""


class InputError(Exception):
    """Bad input that the user can fix; the message says where and how."""

    def __init__(self, path, problem, hint=""):
        self.path = str(path)
        self.problem = problem
        self.hint = hint
        message = f"{self.path}: {problem}"
        if hint:
            message += f"\n  What to do: {hint}"
        super().__init__(message)
