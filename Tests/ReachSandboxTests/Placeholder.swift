// The sandbox tests live beside this file.
